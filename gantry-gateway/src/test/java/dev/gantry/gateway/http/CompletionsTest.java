package dev.gantry.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsTest {
  static final String COMPLETION =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":5,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

  @Test
  void a_ready_answer_becomes_chunks_with_usage_only_when_asked() {
    ObjectNode completion = Json.parseObject(COMPLETION.getBytes(StandardCharsets.UTF_8));
    List<ObjectNode> with = Completions.toChunks(completion, true);
    assertThat(with).hasSize(2);
    assertThat(with.get(0).path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(with.get(0).path("choices").get(0).path("delta").path("content").asText())
        .isEqualTo("hi");
    assertThat(with.get(0).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    assertThat(with.get(1).path("usage").path("total_tokens").asInt()).isEqualTo(2);
    assertThat(Completions.toChunks(completion, false)).hasSize(1);
  }
}
