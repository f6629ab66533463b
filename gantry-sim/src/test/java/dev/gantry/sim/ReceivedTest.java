package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedTest {

  @Test
  void records_method_path_lower_case_headers_and_the_body_with_unknown_fields() {
    try (Simulator sim = Simulator.start(SimulatorOptions.defaults())) {
      SimClient client = new SimClient(sim);
      client.post(
          "/v1/chat/completions",
          SimClient.chat("m", "x", "\"x_custom\":{\"deep\":[1,2]}"),
          "X-Trace-Id",
          "abc");
      client.post("/v1/chat/completions", "not json");

      List<Simulator.Received> received = sim.received();

      assertThat(received).hasSize(2);
      Simulator.Received first = received.get(0);
      assertThat(first.method()).isEqualTo("POST");
      assertThat(first.path()).isEqualTo("/v1/chat/completions");
      assertThat(first.headers()).containsEntry("x-trace-id", "abc");
      assertThat(first.body().get("x_custom").get("deep").get(1).asInt()).isEqualTo(2);
      assertThat(received.get(1).body()).isNull();
    }
  }

  @Test
  void keeps_only_the_last_thousand_and_clears_on_request() {
    ReceivedLog log = new ReceivedLog(1000);
    for (int i = 0; i < 1005; i++) {
      log.add(new Simulator.Received("GET", "/" + i, java.util.Map.of(), null));
    }

    assertThat(log.snapshot()).hasSize(1000);
    assertThat(log.snapshot().get(0).path()).isEqualTo("/5");
    log.clear();
    assertThat(log.snapshot()).isEmpty();
  }

  @Test
  void clear_received_forgets_earlier_requests() {
    try (Simulator sim = Simulator.start(SimulatorOptions.defaults())) {
      new SimClient(sim).get("/health");
      sim.clearReceived();

      assertThat(sim.received()).isEmpty();
      assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
    }
  }
}
