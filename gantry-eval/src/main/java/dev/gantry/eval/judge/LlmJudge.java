package dev.gantry.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.eval.http.HttpOutcome;
import dev.gantry.eval.http.TargetClient;
import dev.gantry.eval.internal.DiskCache;
import dev.gantry.eval.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge model reached through the target gateway's {@code /v1/chat/completions} at temperature 0.
 * The system message asks for a {@code SCORE: n} line on the configured scale and a {@code REASON:}
 * line; the user message holds the rubric, the input and the output. Judgements are cached on disk
 * (under {@code <cacheDir>/judge}) keyed by a hash of the whole judge request, which covers the
 * rubric, the output, the judge model, the scale, the input and the instructions. Shared and
 * thread-safe.
 */
public final class LlmJudge implements Judge {
  private static final Pattern REASON = Pattern.compile("(?im)^\\s*reason\\s*[:=]\\s*(.+)$");

  private final TargetClient client;
  private final JudgeSettings settings;
  private final DiskCache cache;

  /**
   * @param settings must name a model
   * @param cacheDir the eval cache directory, or null to never cache judgements
   */
  public LlmJudge(TargetClient client, JudgeSettings settings, Path cacheDir) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.model() == null || settings.model().isBlank()) {
      throw new IllegalArgumentException("the judge needs a model (judge.model in the suite)");
    }
    this.cache = cacheDir == null ? null : new DiskCache(cacheDir.resolve("judge"));
  }

  @Override
  public Judgement grade(String rubric, String input, String output) throws JudgeException {
    ObjectNode request = request(rubric, input, output);
    String key = Hashes.sha256("judge-v1", Hashes.canonical(request));
    if (cache != null) {
      JsonNode hit = cache.get(key);
      if (hit != null && hit.path("score").isNumber()) {
        double score = hit.get("score").doubleValue();
        return new Judgement(
            score, clamp(settings.normalize(score)), hit.path("reason").asText(""), true);
      }
    }
    HttpOutcome outcome = client.postJson("/v1/chat/completions", Json.toString(request));
    if (outcome instanceof HttpOutcome.Failed failed) {
      throw new JudgeException("could not reach the judge model: " + failed.reason());
    }
    HttpOutcome.Received r = (HttpOutcome.Received) outcome;
    JsonNode body = Json.tryParse(r.body().getBytes(StandardCharsets.UTF_8));
    if (r.status() != 200 || body == null) {
      String message = body == null ? "" : body.path("error").path("message").asText("");
      throw new JudgeException(
          "the judge model '"
              + settings.model()
              + "' answered HTTP "
              + r.status()
              + (message.isEmpty() ? "" : ": " + message));
    }
    String reply = body.path("choices").path(0).path("message").path("content").asText("");
    OptionalDouble score = ScoreParser.parse(reply, settings.scaleMin(), settings.scaleMax());
    if (score.isEmpty()) {
      throw new JudgeException(
          "no score on "
              + settings.scaleMin()
              + ".."
              + settings.scaleMax()
              + " in the judge's reply: \""
              + (reply.length() > 120 ? reply.substring(0, 117) + "..." : reply)
              + "\"");
    }
    String reason = reason(reply);
    if (cache != null) {
      ObjectNode stored = JsonNodeFactory.instance.objectNode();
      stored.put("score", score.getAsDouble());
      stored.put("reason", reason);
      stored.put("reply", reply);
      stored.put("model", settings.model());
      cache.put(key, stored);
    }
    return new Judgement(
        score.getAsDouble(), clamp(settings.normalize(score.getAsDouble())), reason, false);
  }

  ObjectNode request(String rubric, String input, String output) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("model", settings.model());
    request.put("temperature", 0);
    ArrayNode messages = request.putArray("messages");
    String system =
        "You are an impartial grader. Score the RESPONSE against the RUBRIC on an integer scale"
            + " from "
            + settings.scaleMin()
            + " (does not meet the rubric at all) to "
            + settings.scaleMax()
            + " (fully meets it). Reply with exactly two lines:\nSCORE: <integer>\n"
            + "REASON: <one sentence>"
            + (settings.instructions() == null ? "" : "\n" + settings.instructions());
    messages.addObject().put("role", "system").put("content", system);
    messages
        .addObject()
        .put("role", "user")
        .put("content", "RUBRIC:\n" + rubric + "\n\nINPUT:\n" + input + "\n\nRESPONSE:\n" + output);
    return request;
  }

  private static String reason(String reply) {
    Matcher m = REASON.matcher(reply);
    String r = m.find() ? m.group(1).strip() : "";
    return r.length() > 300 ? r.substring(0, 297) + "..." : r;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
