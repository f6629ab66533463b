package dev.gantry.eval.assertion;

import java.util.Objects;

/**
 * One retrieved passage the gateway reported, best first.
 *
 * @param id the chunk id, e.g. {@code doc-0001.md#2}
 * @param document the document id, e.g. {@code doc-0001.md}
 * @param title the document title, or null
 * @param score the retrieval score, or NaN when not reported
 */
public record Source(String id, String document, String title, double score) {
  public Source {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
  }

  /**
   * Whether this source is the expected one: an expected id with a {@code #} fragment names a chunk
   * and must equal {@link #id}; otherwise it names a document and must equal {@link #document}.
   */
  public boolean matches(String expected) {
    return expected.indexOf('#') >= 0 ? expected.equals(id) : expected.equals(document);
  }
}
