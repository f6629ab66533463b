package dev.gantry.sim;

/** Why a simulated completion ended, with its name in each wire format. */
enum Finish {
  STOP("stop", "end_turn"),
  LENGTH("length", "max_tokens"),
  TOOL_CALLS("tool_calls", "tool_use"),
  STOP_SEQUENCE("stop", "stop_sequence");

  final String openAi;
  final String anthropic;

  Finish(String openAi, String anthropic) {
    this.openAi = openAi;
    this.anthropic = anthropic;
  }
}
