package dev.gantry.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The client's request in the API it was sent in, kept next to the canonical request so that an
 * upstream speaking that same API can get it unchanged (when no stage rewrote the request). Stages
 * never read it; only the per-attempt translation does.
 *
 * @param api the inbound API: {@link #ANTHROPIC_MESSAGES} or {@link #OPENAI_RESPONSES}
 * @param body the request body to send upstream (the model is replaced per attempt); read only
 */
public record NativeRequest(String api, ObjectNode body) {
  public static final String ANTHROPIC_MESSAGES = "anthropic.messages";
  public static final String OPENAI_RESPONSES = "openai.responses";

  public NativeRequest {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(body, "body");
  }
}
