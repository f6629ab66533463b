package dev.gantry.core.events;

import java.nio.file.Path;

/**
 * The watched configuration file changed and was either applied ({@code problem} null) or refused
 * because it is invalid or unreadable ({@code problem} says why; the running configuration stays).
 */
public record ConfigReloaded(Path file, String problem) implements GantryEvent {
  /** True when the new configuration is now the running one. */
  public boolean applied() {
    return problem == null;
  }
}
