package dev.gantry.core.config;

import dev.gantry.core.api.Json;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Limits and policy of input sanitisation ({@code sanitize} in {@code gantry.yaml}). Immutable.
 *
 * <p>Characters are Unicode code points (an emoji outside the Basic Multilingual Plane counts once)
 * of the text the model reads as text: string {@code content}, the {@code text} of text parts, the
 * {@code refusal} of refusal parts, and the {@code arguments} of {@code tool_calls} and of the
 * legacy {@code function_call}. Images, audio and files in content parts are bounded by {@code
 * server.max_body_bytes} only.
 *
 * @param maxMessages most entries in {@code messages}, 1..100,000 (default 1,000)
 * @param maxMessageChars most characters in one message, 1..{@link Integer#MAX_VALUE} (default
 *     500,000, about the context of a 128k-token model)
 * @param maxTotalChars most characters over all messages, {@code maxMessageChars}..{@link
 *     Integer#MAX_VALUE} (default 2,000,000)
 * @param maxJsonDepth deepest nesting of arrays and objects inside one message, one tool or one
 *     legacy function definition, counting that message or tool object as level 1, 4..{@value
 *     Json#MAX_DEPTH} (default 32). Level 4 is the least that a content part with an image needs
 *     ({@code message > content > part > image_url}); the body parser already refuses anything
 *     deeper than {@value Json#MAX_DEPTH} levels counted from the body.
 * @param allowedRoles message roles accepted, a non-empty subset of {@link #ROLES} (default all)
 * @param allowedContentPartTypes content part types accepted, a non-empty subset of {@link
 *     #CONTENT_PART_TYPES} (default all)
 * @param invisible what to do with invisible characters (default {@link InvisiblePolicy#REPORT})
 */
public record SanitizeConfig(
    int maxMessages,
    int maxMessageChars,
    int maxTotalChars,
    int maxJsonDepth,
    Set<String> allowedRoles,
    Set<String> allowedContentPartTypes,
    InvisiblePolicy invisible) {

  /** Every role of the chat completions API, in the order used in messages. */
  public static final Set<String> ROLES =
      ordered(List.of("system", "developer", "user", "assistant", "tool", "function"));

  /** Every content part type of the chat completions API. */
  public static final Set<String> CONTENT_PART_TYPES =
      ordered(List.of("text", "image_url", "input_audio", "file", "refusal"));

  /** Upper bound of {@code sanitize.max_messages}. */
  public static final int MAX_MESSAGES_LIMIT = 100_000;

  /** Lower bound of {@code sanitize.max_json_depth}. */
  public static final int MIN_JSON_DEPTH = 4;

  public static final SanitizeConfig DEFAULTS =
      new SanitizeConfig(
          1_000, 500_000, 2_000_000, 32, ROLES, CONTENT_PART_TYPES, InvisiblePolicy.REPORT);

  public SanitizeConfig {
    if (maxMessages < 1 || maxMessages > MAX_MESSAGES_LIMIT) {
      throw new IllegalArgumentException(
          "sanitize.max_messages must be 1.." + MAX_MESSAGES_LIMIT + ", was " + maxMessages);
    }
    if (maxMessageChars < 1) {
      throw new IllegalArgumentException(
          "sanitize.max_message_chars must be 1.."
              + Integer.MAX_VALUE
              + ", was "
              + maxMessageChars);
    }
    if (maxTotalChars < maxMessageChars) {
      throw new IllegalArgumentException(
          "sanitize.max_total_chars must be "
              + maxMessageChars
              + " (sanitize.max_message_chars).."
              + Integer.MAX_VALUE
              + ", was "
              + maxTotalChars);
    }
    if (maxJsonDepth < MIN_JSON_DEPTH || maxJsonDepth > Json.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "sanitize.max_json_depth must be "
              + MIN_JSON_DEPTH
              + ".."
              + Json.MAX_DEPTH
              + ", was "
              + maxJsonDepth);
    }
    allowedRoles = subset("sanitize.allowed_roles", allowedRoles, ROLES);
    allowedContentPartTypes =
        subset("sanitize.allowed_content_part_types", allowedContentPartTypes, CONTENT_PART_TYPES);
    if (invisible == null) {
      throw new IllegalArgumentException(
          "sanitize.invisible must be one of report, strip, reject, was null");
    }
  }

  /** This configuration with another invisible-character policy. */
  public SanitizeConfig withInvisible(InvisiblePolicy policy) {
    return new SanitizeConfig(
        maxMessages,
        maxMessageChars,
        maxTotalChars,
        maxJsonDepth,
        allowedRoles,
        allowedContentPartTypes,
        policy);
  }

  private static Set<String> subset(String path, Set<String> values, Set<String> known) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(
          path + " must name at least one of " + String.join(", ", known) + ", was " + values);
    }
    for (String v : values) {
      if (!known.contains(v)) {
        throw new IllegalArgumentException(
            path
                + " may contain only "
                + String.join(", ", known)
                + "; '"
                + v
                + "' is not one of them");
      }
    }
    // Kept in the canonical order so that error messages list values the same way every time.
    LinkedHashSet<String> canonical = new LinkedHashSet<>();
    for (String k : known) {
      if (values.contains(k)) {
        canonical.add(k);
      }
    }
    return Collections.unmodifiableSet(canonical);
  }

  private static Set<String> ordered(List<String> values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(values));
  }
}
