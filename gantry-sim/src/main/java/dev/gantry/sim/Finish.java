package dev.gantry.sim;

/** Why a simulated completion ended, with its name in each wire format. */
enum Finish {
  STOP("stop", "end_turn", "STOP"),
  LENGTH("length", "max_tokens", "MAX_TOKENS"),
  TOOL_CALLS("tool_calls", "tool_use", "STOP"),
  STOP_SEQUENCE("stop", "stop_sequence", "STOP");

  final String openAi;

  /** Anthropic's stop reason, which Bedrock's Converse API shares. */
  final String anthropic;

  final String gemini;

  Finish(String openAi, String anthropic, String gemini) {
    this.openAi = openAi;
    this.anthropic = anthropic;
    this.gemini = gemini;
  }
}
