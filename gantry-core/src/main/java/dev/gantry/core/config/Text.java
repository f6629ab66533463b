package dev.gantry.core.config;

/**
 * A scalar value after environment substitution.
 *
 * @param fromEnv true when the value contains a {@code ${...}} reference; such values are masked in
 *     messages when they sit at a sensitive path ({@code api_key}, {@code headers})
 */
record Text(String value, boolean fromEnv) {
  @Override
  public String toString() {
    return fromEnv ? "Text[****]" : "Text[" + value + "]";
  }
}
