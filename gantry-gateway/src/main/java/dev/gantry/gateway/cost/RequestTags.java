package dev.gantry.gateway.cost;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.config.CostConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the attribution tags of {@code x-gantry-tags: team:search,feature:chat}: comma-separated,
 * trimmed, duplicates dropped; each tag 1..{@code cost.max_tag_length} characters of letters,
 * digits and {@code _ - . : / = @}; at most {@code cost.max_tags} of them. Anything else is a 400
 * naming the header. Stateless.
 */
public final class RequestTags {
  public static final String HEADER = "x-gantry-tags";

  private RequestTags() {}

  public static List<String> parse(String header, CostConfig config) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    Set<String> tags = new LinkedHashSet<>();
    for (String raw : header.split(",", -1)) {
      String tag = raw.strip();
      if (tag.isEmpty()) {
        throw invalid("a tag is empty; separate tags with single commas");
      }
      if (tag.length() > config.maxTagLength()) {
        throw invalid("a tag is longer than " + config.maxTagLength() + " characters");
      }
      for (int i = 0; i < tag.length(); i++) {
        char c = tag.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "_-.:/=@".indexOf(c) >= 0;
        if (!ok) {
          throw invalid("tags may contain only letters, digits and _ - . : / = @");
        }
      }
      tags.add(tag);
    }
    if (tags.size() > config.maxTags()) {
      throw invalid("at most " + config.maxTags() + " tags are allowed, got " + tags.size());
    }
    return new ArrayList<>(tags);
  }

  private static ApiException invalid(String why) {
    return new ApiException(
        ApiError.invalid("Invalid '" + HEADER + "' header: " + why + ".", HEADER, "invalid_tags"));
  }
}
