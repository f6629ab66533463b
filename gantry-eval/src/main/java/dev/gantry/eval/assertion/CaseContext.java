package dev.gantry.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.eval.judge.JudgeSettings;
import java.util.List;
import java.util.Objects;

/**
 * What an assertion may need to know about its case when it is built: the user's input (for the
 * judge), the documents retrieval should have found, the requested response format (the default
 * schema of {@code json-schema}) and the suite's judge settings.
 *
 * @param input the text of the last user message, variables substituted
 * @param expectedSources document ids from {@code expected_sources}; may be empty
 * @param responseFormat the case's {@code response_format}, or null
 */
public record CaseContext(
    String input, List<String> expectedSources, JsonNode responseFormat, JudgeSettings judge) {
  public CaseContext {
    Objects.requireNonNull(input, "input");
    expectedSources = List.copyOf(expectedSources);
    Objects.requireNonNull(judge, "judge");
  }
}
