package dev.gantry.gateway.tracing;

import dev.gantry.core.config.OpenAiPreset;
import dev.gantry.core.config.ProviderConfig;
import java.util.Locale;

/**
 * The OpenTelemetry GenAI semantic-convention names Gantry emits, pinned to one version of the
 * conventions ({@link #SEMCONV_VERSION}); metrics and spans use these constants only, and a test
 * checks them against the convention. Stateless.
 */
public final class GenAi {
  /** The version of the OpenTelemetry semantic conventions these names follow. */
  public static final String SEMCONV_VERSION = "1.37.0";

  /** Schema URL of that version, set on the tracer. */
  public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/" + SEMCONV_VERSION;

  // Metric instruments.
  public static final String CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";
  public static final String CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage";
  public static final String SERVER_REQUEST_DURATION = "gen_ai.server.request.duration";
  public static final String SERVER_TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
  public static final String SERVER_TIME_PER_OUTPUT_TOKEN = "gen_ai.server.time_per_output_token";

  // Attributes.
  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String PROVIDER_NAME = "gen_ai.provider.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  public static final String RESPONSE_MODEL = "gen_ai.response.model";
  public static final String TOKEN_TYPE = "gen_ai.token.type";
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  public static final String ERROR_TYPE = "error.type";

  /** {@code gen_ai.operation.name} of every chat-shaped request. */
  public static final String CHAT = "chat";

  public static final String EMBEDDINGS = "embeddings";

  public static final String TOKEN_INPUT = "input";
  public static final String TOKEN_OUTPUT = "output";

  /** Bucket boundaries the convention gives for token usage. */
  public static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };

  /** Bucket boundaries the convention gives for operation durations, in seconds. */
  public static final double[] DURATION_BUCKETS = {
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
  };

  /** Bucket boundaries the convention gives for time to first token, in seconds. */
  public static final double[] TTFT_BUCKETS = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0
  };

  /** Bucket boundaries the convention gives for time per output token, in seconds. */
  public static final double[] TPOT_BUCKETS = {
    0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5
  };

  private GenAi() {}

  /**
   * The {@code gen_ai.provider.name} of a configured provider: the convention's well-known value
   * for its type or preset, else the provider's own configured name.
   */
  public static String providerName(ProviderConfig provider, String configuredName) {
    if (provider == null) {
      return configuredName;
    }
    switch (provider.type()) {
      case OPENAI:
        return "openai";
      case AZURE:
        return "azure.ai.openai";
      case ANTHROPIC:
        return "anthropic";
      case GEMINI:
        return "gcp.gemini";
      case BEDROCK:
        return "aws.bedrock";
      case EXTRACTIVE:
        return "gantry.extractive";
      default:
        OpenAiPreset preset = provider.preset();
        if (preset == OpenAiPreset.MISTRAL) {
          return "mistral_ai";
        }
        if (preset == OpenAiPreset.GROQ) {
          return "groq";
        }
        if (preset == OpenAiPreset.DEEPSEEK) {
          return "deepseek";
        }
        return preset != null ? preset.name().toLowerCase(Locale.ROOT) : configuredName;
    }
  }
}
