package dev.gantry.gateway.cache;

import java.util.Objects;

/** Whether two questions that embed alike may share an answer, and if not, why not. */
sealed interface GuardVerdict permits GuardVerdict.Agree, GuardVerdict.Disagree {

  Agree AGREE = new Agree();

  /** Nothing that changes the answer differs. */
  record Agree() implements GuardVerdict {}

  /**
   * Something that changes the answer differs.
   *
   * @param kind what differs
   * @param detail the differing values, for logs and {@code gantry cache eval}
   */
  record Disagree(Kind kind, String detail) implements GuardVerdict {
    public Disagree {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The kinds of difference the guard looks for; {@link #label()} names them in metrics. */
  enum Kind {
    NEGATION,
    NUMBER,
    DATE,
    ENTITY,
    COMPARISON,
    POLARITY;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
