package dev.gantry.sim;

/**
 * The checks every model request passes before it is answered, in this order: auth, then (after the
 * handler parsed the body) the rate limit, then the fault plan. Each check either lets the request
 * through or answers it itself.
 */
final class Admission {
  private Admission() {}

  /**
   * Checks the scenario's key for the request's dialect; answers 401 and returns false if wrong.
   */
  static boolean authorized(Call call) {
    Scenario scenario = call.scenario();
    if (call.dialect == Dialect.BEDROCK) {
      String auth = call.request.getHeader("authorization");
      if (auth != null
          && auth.startsWith("AWS4-HMAC-SHA256 Credential=")
          && call.request.getHeader("x-amz-date") != null) {
        return true;
      }
      call.fail(new SimError(403, "Missing Authentication Token", null, -1));
      return false;
    }
    if (call.dialect == Dialect.GEMINI) {
      String key = scenario.openAiKey();
      if (key == null || key.equals(call.request.getHeader("x-goog-api-key"))) {
        return true;
      }
      call.fail(new SimError(400, "API key not valid. Please pass a valid API key.", null, -1));
      return false;
    }
    if (call.dialect == Dialect.ANTHROPIC) {
      String key = scenario.anthropicKey();
      if (key == null || key.equals(call.request.getHeader("x-api-key"))) {
        return true;
      }
      call.fail(new SimError(401, "invalid x-api-key", null, -1));
      return false;
    }
    String key = scenario.openAiKey();
    if (key == null
        || ("Bearer " + key).equals(call.request.getHeader("authorization"))
        || key.equals(call.request.getHeader("api-key"))) {
      return true;
    }
    call.fail(
        new SimError(
            401,
            "Incorrect API key provided. The simulator expects the key set in auth.openai_key.",
            null,
            -1));
    return false;
  }

  /**
   * Applies the rate limit and the fault plan.
   *
   * @return the fault the handler must apply while answering ({@code None}, {@code Reset} or {@code
   *     Malformed}), or null when the request was already answered (error status) or must hang
   */
  static FaultDecision admit(Call call, String model, boolean stream) {
    RateLimiter limiter = call.state.rateLimiter;
    if (limiter != null) {
      long waitSeconds = limiter.tryAcquire();
      if (waitSeconds > 0) {
        call.fail(
            new SimError(
                429,
                "Rate limit reached: the scenario allows "
                    + call.scenario().rpm()
                    + " requests per minute. Retry after "
                    + waitSeconds
                    + " s.",
                null,
                (int) waitSeconds));
        return null;
      }
    }
    FaultDecision decision = call.state.faults.decide(model, stream, call.random());
    if (decision instanceof FaultDecision.Status status) {
      call.fail(
          new SimError(
              status.status(),
              "Simulated fault: HTTP " + status.status() + ".",
              null,
              status.retryAfterSeconds()));
      return null;
    }
    if (decision instanceof FaultDecision.Hang) {
      return null;
    }
    return decision;
  }
}
