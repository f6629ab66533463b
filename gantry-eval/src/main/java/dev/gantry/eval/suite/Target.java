package dev.gantry.eval.suite;

/**
 * The suite's {@code target:} block; every field may be absent (null) and be given on the command
 * line instead.
 *
 * @param url the gateway's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param model the model (route) name cases use unless they or the defaults name another
 * @param keyEnv the environment variable holding the API key
 */
public record Target(String url, String model, String keyEnv) {
  public static final Target NONE = new Target(null, null, null);
}
