package dev.gantry.eval;

/** How progress is shown while cases run. */
public enum ProgressMode {
  /** A bar when a console is attached and {@code CI} is not set, plain lines otherwise. */
  AUTO,
  /** A bar redrawn in place. */
  BAR,
  /** One line per finished case. */
  PLAIN,
  /** Nothing until the summary. */
  NONE
}
