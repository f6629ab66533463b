package dev.gantry.testkit;

import java.util.List;

/**
 * One route per kind of upstream the simulator speaks, all answering from the same scenario, so
 * that a test of an inbound API runs against every translation pair.
 */
final class UpstreamKinds {
  private UpstreamKinds() {}

  /** Route names, one per upstream kind (the kind is the route name's first part). */
  static final List<String> ROUTES =
      List.of("openai-compatible", "openai", "azure", "anthropic", "gemini", "bedrock");

  static final String SCENARIO =
      "rules:\n"
          + "  - match: {contains: weather}\n"
          + "    tool_call: {name: get_weather, arguments: {city: Paris}}\n"
          + "  - match: {regex: '(?i)json'}\n"
          + "    json: {answer: 42, ok: true}\n"
          + "  - match: {contains: 'what did I say'}\n"
          + "    echo: user\n"
          + "default_reply: Hello from the simulator, friend.\n";

  static final String PROVIDERS =
      "providers:\n"
          + "  compat: {type: openai_compatible, base_url: '${SIM_URL}/v1'}\n"
          + "  openai: {type: openai, base_url: '${SIM_URL}/v1', api_key: sk-test}\n"
          + "  azure: {type: azure, base_url: '${SIM_URL}', api_key: az-test,"
          + " api_version: 2024-10-21}\n"
          + "  claude: {type: anthropic, base_url: '${SIM_URL}', api_key: ak-test}\n"
          + "  gemini: {type: gemini, base_url: '${SIM_URL}', api_key: g-test}\n"
          + "  bedrock: {type: bedrock, base_url: '${SIM_URL}', region: us-east-1}\n";

  static final String ROUTES_YAML =
      "routes:\n"
          + "  openai-compatible: {deployments: [{provider: compat, model: gpt-4o-mini}]}\n"
          + "  openai: {deployments: [{provider: openai, model: gpt-4o-mini}]}\n"
          + "  azure: {deployments: [{provider: azure, model: my-deployment}]}\n"
          + "  anthropic: {deployments: [{provider: claude, model: claude-3-5-haiku}]}\n"
          + "  gemini: {deployments: [{provider: gemini, model: gemini-2.0-flash}]}\n"
          + "  gemini-embedding: {deployments: [{provider: gemini, model: text-embedding-004}]}\n"
          + "  bedrock: {deployments: [{provider: bedrock,"
          + " model: 'anthropic.claude-3-haiku-20240307-v1:0'}]}\n";

  static {
    // Bedrock requests are signed with credentials from the standard AWS chain, which reads these.
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  }

  static final String CONFIG = "server: {port: 0}\n" + PROVIDERS + ROUTES_YAML;
}
