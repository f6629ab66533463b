package dev.gantry.store.keys;

import java.util.Objects;

/**
 * A newly created key: the plaintext, which the store does not keep and cannot show again, and its
 * stored record. {@link #toString()} hides the plaintext.
 */
public record CreatedKey(String plaintext, KeyRecord record) {
  public CreatedKey {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(record, "record");
  }

  @Override
  public String toString() {
    return "CreatedKey[plaintext=gk_" + record.prefix() + "_****, record=" + record + "]";
  }
}
