package dev.gantry.guardrails.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputText;
import org.junit.jupiter.api.Test;

class JsonFormatGuardrailTest {
  final JsonFormatGuardrail guard = new JsonFormatGuardrail(GuardAction.REPROMPT, null);

  static JsonNode format(String json) {
    return Json.tryParse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static OutputText out(String text, String format) {
    return new OutputText(text, true, format == null ? null : format(format), null);
  }

  @Test
  void plain_text_answers_pass_when_no_format_was_asked() {
    assertThat(guard.check(out("not json", null))).isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void json_object_requires_parseable_json() {
    GuardrailResult r = guard.check(out("{\"a\": 1,", "{\"type\":\"json_object\"}"));
    assertThat(r).isInstanceOf(GuardrailResult.Reprompt.class);
    assertThat(((GuardrailResult.Reprompt) r).reason()).startsWith("the answer is not valid JSON");
    assertThat(guard.check(out("{\"a\": 1}", "{\"type\":\"json_object\"}")))
        .isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void json_schema_errors_name_the_failing_location() {
    String f =
        "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"object\","
            + "\"required\":[\"age\"],\"properties\":{\"age\":{\"type\":\"integer\"}}}}}";
    GuardrailResult bad = guard.check(out("{\"age\": \"old\"}", f));
    assertThat(((GuardrailResult.Reprompt) bad).reason()).contains("age").contains("integer");
    assertThat(guard.check(out("{\"age\": 3}", f))).isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void a_route_schema_applies_to_every_answer_and_can_block() {
    JsonFormatGuardrail route =
        new JsonFormatGuardrail(GuardAction.BLOCK, "{\"type\":\"array\",\"maxItems\":2}");
    assertThat(route.check(OutputText.of("[1,2,3]"))).isInstanceOf(GuardrailResult.Reject.class);
    assertThat(route.check(OutputText.of("[1]"))).isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void incomplete_stream_windows_are_not_judged() {
    assertThat(
            guard.check(
                new OutputText("{\"a\":", false, format("{\"type\":\"json_object\"}"), null)))
        .isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void a_remote_ref_is_never_fetched() throws Exception {
    java.util.concurrent.atomic.AtomicInteger hits =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          hits.incrementAndGet();
          byte[] body = "{\"type\":\"object\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      String f =
          "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":"
              + "{\"$ref\":\"http://127.0.0.1:"
              + server.getAddress().getPort()
              + "/evil.json\"}}}";
      GuardrailResult r = guard.check(out("{}", f));
      assertThat(r).isInstanceOf(GuardrailResult.Reprompt.class);
      assertThat(((GuardrailResult.Reprompt) r).reason()).contains("cannot be used");
      assertThat(hits).hasValue(0);
    } finally {
      server.stop(0);
    }
  }
}
