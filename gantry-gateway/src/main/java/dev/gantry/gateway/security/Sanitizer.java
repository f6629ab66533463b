package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.config.SanitizeConfig;
import java.util.Objects;

/**
 * Checks a chat completion request body against the {@link SanitizeConfig} before any other stage
 * reads it, and decides with a {@link SanitizeResult}:
 *
 * <ol>
 *   <li>{@code messages} has at most {@code max_messages} entries (checked first);
 *   <li>each message's role is in {@code allowed_roles} and each content part's type in {@code
 *       allowed_content_part_types};
 *   <li>each message, tool and legacy function definition nests at most {@code max_json_depth}
 *       levels;
 *   <li>every string and field name in the body is valid Unicode: no unpaired surrogate, which JSON
 *       escapes of half a surrogate pair can produce although the body is valid UTF-8;
 *   <li>each message holds at most {@code max_message_chars} characters of text, and all messages
 *       together at most {@code max_total_chars} (checked last);
 *   <li>message text holds no invisible characters ({@link InvisibleKind}); what is found is
 *       reported, stripped or rejected according to {@code invisible}.
 * </ol>
 *
 * <p>Message text means string {@code content}, the {@code text} of text parts, the {@code refusal}
 * of refusal parts, and the {@code arguments} string of each tool call and of the legacy {@code
 * function_call}. Tool call arguments are treated exactly like content (counted, scanned, stripped
 * and rejected): they are text the model reads back, so they can smuggle instructions as well, and
 * removing an invisible character never turns valid JSON arguments into invalid JSON (none of these
 * characters is JSON whitespace or syntax, so inside a string literal it is only data, and outside
 * one the arguments were not valid JSON to begin with). Characters written as JSON escapes inside
 * the arguments string (a backslash, {@code u} and four hex digits) are not decoded and not found.
 * Tool definitions ({@code tools[].function.description} and schemas) and message {@code name}s are
 * checked for depth and surrogates but not scanned for invisible characters.
 *
 * <p>The body is expected to have passed {@code ChatRequestValidator}; shapes the sanitiser does
 * not expect (content that is neither a string nor an array, say) are walked for depth and
 * surrogates only and never cause an exception. The body is never modified.
 *
 * <p>Cost: one pass over every character of the body's strings and one visit of each JSON node; no
 * regular expressions. Shared and thread-safe (immutable); each call allocates its own state.
 */
public final class Sanitizer {
  private final SanitizeConfig config;

  public Sanitizer(SanitizeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public SanitizeConfig config() {
    return config;
  }

  /**
   * Inspects {@code chatRequestBody} without modifying it.
   *
   * @return {@link SanitizeResult.Clean}, {@link SanitizeResult.Flagged} (policy report), {@link
   *     SanitizeResult.Stripped} (policy strip, with a modified copy) or {@link
   *     SanitizeResult.Rejected} (a 400 error naming the first problem)
   */
  public SanitizeResult inspect(ObjectNode chatRequestBody) {
    Objects.requireNonNull(chatRequestBody, "chatRequestBody");
    return new Inspection(config).run(chatRequestBody);
  }

  @Override
  public String toString() {
    return "Sanitizer[max_messages="
        + config.maxMessages()
        + ", max_message_chars="
        + config.maxMessageChars()
        + ", max_total_chars="
        + config.maxTotalChars()
        + ", max_json_depth="
        + config.maxJsonDepth()
        + ", invisible="
        + config.invisible().configName()
        + "]";
  }
}
