package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.InvisiblePolicy;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link Sanitizer} decided about one chat request. Immutable values.
 *
 * <ul>
 *   <li>{@link Clean}: nothing found; forward the request unchanged.
 *   <li>{@link Flagged}: invisible characters found under {@link InvisiblePolicy#REPORT}; forward
 *       the request unchanged and record the findings.
 *   <li>{@link Stripped}: invisible characters found under {@link InvisiblePolicy#STRIP}; forward
 *       {@link Stripped#body()} instead.
 *   <li>{@link Rejected}: a limit was exceeded, the text is not valid Unicode, or invisible
 *       characters were found under {@link InvisiblePolicy#REJECT}; answer with {@link
 *       Rejected#error()} (HTTP 400).
 * </ul>
 */
public sealed interface SanitizeResult
    permits SanitizeResult.Clean,
        SanitizeResult.Flagged,
        SanitizeResult.Stripped,
        SanitizeResult.Rejected {

  /** The one {@link Clean} value. */
  Clean CLEAN = new Clean();

  /** Invisible characters found, in document order; empty for {@link Clean}. */
  List<Finding> findings();

  /** One line for the audit record. */
  String reason();

  /** Nothing found. */
  record Clean() implements SanitizeResult {
    @Override
    public List<Finding> findings() {
      return List.of();
    }

    @Override
    public String reason() {
      return "no findings";
    }
  }

  /** Found and reported; the request goes on unchanged. {@code findings} is never empty. */
  record Flagged(List<Finding> findings) implements SanitizeResult {
    public Flagged {
      findings = nonEmpty(findings);
    }

    @Override
    public String reason() {
      return "invisible characters reported: " + summary(findings);
    }
  }

  /**
   * Found and removed. {@code body} is a new tree (the inspected one is not modified) equal to it
   * except that the characters of every finding are gone from those texts. {@code findings} is
   * never empty; its offsets refer to the texts as the client sent them.
   */
  record Stripped(ObjectNode body, List<Finding> findings) implements SanitizeResult {
    public Stripped {
      Objects.requireNonNull(body, "body");
      findings = nonEmpty(findings);
    }

    @Override
    public String reason() {
      return "invisible characters stripped: " + summary(findings);
    }
  }

  /**
   * Refused with {@code error} (status 400, type {@code invalid_request_error}). {@code findings}
   * lists what was found when the refusal is about invisible characters, and is empty otherwise.
   */
  record Rejected(ApiError error, List<Finding> findings) implements SanitizeResult {
    public Rejected {
      Objects.requireNonNull(error, "error");
      findings = List.copyOf(findings);
    }

    @Override
    public String reason() {
      return error.message();
    }
  }

  private static List<Finding> nonEmpty(List<Finding> findings) {
    List<Finding> copy = List.copyOf(findings);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("findings must not be empty");
    }
    return copy;
  }

  /** The first few findings, briefly; the audit keeps the full list. */
  private static String summary(List<Finding> findings) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(findings.size(), 5);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(findings.get(i).brief());
    }
    if (findings.size() > shown) {
      out.append(" and ").append(findings.size() - shown).append(" more");
    }
    return out.toString();
  }
}
