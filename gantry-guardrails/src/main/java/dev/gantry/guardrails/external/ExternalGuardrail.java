package dev.gantry.guardrails.external;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GuardAction;
import dev.gantry.core.config.GuardCheck;
import dev.gantry.guardrails.CheckContext;
import dev.gantry.guardrails.ContextualInputGuardrail;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.OutputText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A check answered by an external guardrail server ({@code nemo}, {@code guardrails_ai} or {@code
 * webhook}). The call is blocking and runs on the worker pool within the check's budget (the
 * request's own timeout is the same budget, so an overrun frees the worker); a non-2xx answer, a
 * connection failure or an answer without the documented shape throws, and the runner applies the
 * check's {@code on_error}. A block becomes a refusal ({@code action: block}) or a finding ({@code
 * flag}); a rewrite replaces the text ({@code block}) or is only recorded ({@code flag}). Stream
 * windows are not sent: an answer is checked whole, at its end. Shared and thread-safe.
 */
public final class ExternalGuardrail implements ContextualInputGuardrail, OutputGuardrail {
  private final GuardCheck.External check;
  private final Protocol protocol;
  private final HttpClient http;
  private final URI endpoint;

  public ExternalGuardrail(GuardCheck.External check, HttpClient http) {
    this.check = Objects.requireNonNull(check, "check");
    this.http = Objects.requireNonNull(http, "http");
    this.protocol = protocol(check.kind());
    this.endpoint = protocol.endpoint(check.url(), check.target());
  }

  /** A client for external checks: HTTP/1.1, connections bounded by {@code connect}. */
  public static HttpClient client(Duration connect) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connect)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private static Protocol protocol(String kind) {
    switch (kind) {
      case "nemo":
        return new NemoProtocol();
      case "guardrails_ai":
        return new GuardrailsAiProtocol();
      case "webhook":
        return new WebhookProtocol();
      default:
        throw new IllegalArgumentException("unknown external guardrail '" + kind + "'");
    }
  }

  @Override
  public String name() {
    return check.kind();
  }

  @Override
  public GuardrailResult check(GuardText text, CheckContext context) {
    return decide(text.text(), context);
  }

  @Override
  public GuardrailResult check(OutputText output) {
    if (!output.complete()) {
      return new GuardrailResult.Pass(name(), 0);
    }
    CheckContext c = output.context();
    return decide(output.text(), c == CheckContext.NONE ? c : c.with("output", "assistant"));
  }

  /** Asks the server about {@code text}; throws when it cannot be asked or answers badly. */
  public ExternalVerdict ask(String text, CheckContext context) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(check.settings().timeout())
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.toString(protocol.request(text, check.target(), context)),
                    StandardCharsets.UTF_8));
    if (check.apiKey() != null) {
      b.header("authorization", "Bearer " + check.apiKey().reveal());
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(name() + " server unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name() + " check interrupted", e);
    }
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(name() + " server answered HTTP " + r.statusCode());
    }
    JsonNode answer = Json.tryParse(r.body().getBytes(StandardCharsets.UTF_8));
    if (answer == null || !answer.isObject()) {
      throw new IllegalStateException(name() + " server answered without a JSON object");
    }
    return protocol.verdict(text, answer, context);
  }

  private GuardrailResult decide(String text, CheckContext context) {
    ExternalVerdict v = ask(text, context);
    GuardAction action = check.settings().action();
    String reason = v.reason().isEmpty() ? name() + ": " + v.decision() : v.reason();
    switch (v.decision()) {
      case BLOCK:
        return action == GuardAction.FLAG
            ? new GuardrailResult.Flag(name(), 1, reason, List.of())
            : new GuardrailResult.Reject(
                name(),
                1,
                reason,
                List.of(),
                "The content was refused by the " + name() + " guardrail.");
      case REWRITE:
        return action == GuardAction.FLAG
            ? new GuardrailResult.Flag(name(), 1, "would rewrite: " + reason, List.of())
            : new GuardrailResult.Rewrite(
                name(), 1, reason, List.of(), v.rewritten(), java.util.Map.of());
      default:
        return new GuardrailResult.Pass(name(), 0);
    }
  }

  @Override
  public String toString() {
    return name() + "(" + check.settings().action().configName() + ", " + endpoint + ")";
  }
}
