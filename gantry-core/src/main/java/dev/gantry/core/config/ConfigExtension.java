package dev.gantry.core.config;

import java.util.List;

/**
 * A check of a configuration that needs a library the core does not depend on (the guardrails
 * library compiles business-rule conditions). Implementations are found with {@link
 * java.util.ServiceLoader} and run on every configuration that is otherwise valid, wherever it is
 * loaded ({@code gantry config validate}, the server, a reload). Stateless and thread-safe.
 */
public interface ConfigExtension {

  /** Problems as {@code path: message}; empty when there are none. */
  List<String> problems(GantryConfig config);
}
