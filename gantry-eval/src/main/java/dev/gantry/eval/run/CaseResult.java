package dev.gantry.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.http.HttpOutcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one case.
 *
 * @param request the JSON body sent (no credentials)
 * @param response the HTTP response, or null when none arrived
 * @param output the assistant text the assertions saw
 * @param score weighted mean of the assertion scores with weight > 0, in [0, 1]; 0 on error, 1 when
 *     the case has no weighted assertions and no error
 * @param threshold the case's pass threshold on {@code score}, or null
 * @param latencyMs client-side latency of the answered request, or null when none arrived
 * @param costUsd reported cost, or null when unknown
 * @param cached whether the response came from the cache
 * @param error why the case could not be evaluated, or null
 */
public record CaseResult(
    String id,
    int index,
    String description,
    List<String> tags,
    String model,
    ObjectNode request,
    HttpOutcome.Received response,
    String output,
    List<AssertionResult> assertions,
    boolean passed,
    double score,
    Double threshold,
    Long latencyMs,
    BigDecimal costUsd,
    boolean cached,
    int attempts,
    String error) {
  public CaseResult {
    Objects.requireNonNull(id, "id");
    tags = List.copyOf(tags);
    assertions = List.copyOf(assertions);
    Objects.requireNonNull(output, "output");
    request = request.deepCopy();
  }

  @Override
  public ObjectNode request() {
    return request.deepCopy();
  }

  /** The messages of the assertions that failed, in order. */
  public List<String> failures() {
    return assertions.stream()
        .filter(a -> !a.passed())
        .map(a -> a.type() + ": " + a.message())
        .toList();
  }
}
