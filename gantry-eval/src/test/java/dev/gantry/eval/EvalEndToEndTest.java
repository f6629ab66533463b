package dev.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.eval.run.CaseResult;
import dev.gantry.eval.run.RunResult;
import dev.gantry.gateway.Gateway;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Runs suites over real HTTP against a gateway in front of the simulator. */
class EvalEndToEndTest {
  static final String SCENARIO =
      "rules:\n"
          + "  - match: {contains: 'RUBRIC:'}\n"
          + "    reply: \"SCORE: 5\\nREASON: correct and concise.\"\n"
          + "  - match: {contains: 'capital of France'}\n"
          + "    reply: 'The capital of France is Paris.'\n"
          + "  - match: {contains: 'capital of Germany'}\n"
          + "    reply: 'The capital of Germany is Berlin.'\n"
          + "  - match: {contains: 'as JSON'}\n"
          + "    json: {answer: 42, unit: none}\n"
          + "default_reply: \"I don't know.\"\n";

  static Simulator sim;
  static Gateway gateway;
  static Embedder embedder;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator(SCENARIO);
    gateway = GantryTestKit.gateway(GantryTestKit.simConfig("gpt-4o-mini", "judge-model"), sim);
    embedder = new MiniLmEmbedder(1000);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static final String PASSING =
      "name: geography\n"
          + "target: {model: gpt-4o-mini}\n"
          + "judge: {model: judge-model}\n"
          + "defaults: {temperature: 0}\n"
          + "thresholds: {pass_rate: 1.0, mean_score: {token-f1: 0.3}, p95_latency_ms: 10000}\n"
          + "cases:\n"
          + "  - id: france\n"
          + "    prompt: 'What is the capital of {{country}}?'\n"
          + "    vars: {country: France}\n"
          + "    tags: [geo]\n"
          + "    assert:\n"
          + "      - {type: icontains, value: paris}\n"
          + "      - {type: token-f1, value: Paris, threshold: 0.2}\n"
          + "      - {type: similar, value: 'Paris is the capital of France.', threshold: 0.7}\n"
          + "      - {type: llm-rubric, value: 'Names the right city'}\n"
          + "      - {type: latency, value: 10000}\n"
          + "  - id: json\n"
          + "    prompt: 'Reply as JSON please'\n"
          + "    response_format: {type: json_schema, json_schema: {name: a, schema: {type: object, required: [answer]}}}\n"
          + "    assert:\n"
          + "      - {type: json-schema}\n"
          + "      - {type: json-path, path: '$.answer', value: 42}\n"
          + "  - id: unknown\n"
          + "    prompt: 'Who won the 2087 World Cup?'\n"
          + "    tags: [abstain]\n"
          + "    assert: [{type: i-dont-know}, {type: not-contains, value: Brazil}]\n";

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private EvalOptions.Builder options(Path suite) {
    return EvalOptions.builder(suite)
        .target(gateway.baseUrl())
        .key("test-key")
        .out(dir.resolve("out"))
        .cacheDir(dir.resolve("cache"))
        .progress(ProgressMode.PLAIN)
        .retryBackoff(Duration.ofMillis(10))
        .env(Map.of());
  }

  private EvalOutcome run(EvalOptions options, ByteArrayOutputStream console) {
    return new EvalRunner(
            options, new PrintStream(console, true, StandardCharsets.UTF_8), () -> embedder)
        .execute();
  }

  @Test
  void a_passing_suite_exits_0_and_writes_every_report() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    EvalOutcome outcome = run(options(write("suite.yaml", PASSING)).build(), console);
    String text = console.toString(StandardCharsets.UTF_8);
    assertThat(outcome.exitCode()).as(text).isEqualTo(ExitCodes.PASSED);
    RunResult result = outcome.result();
    assertThat(result.metrics().passRate()).isEqualTo(1.0);
    assertThat(result.metrics().errors()).isZero();
    CaseResult france = result.cases().get(0);
    assertThat(france.output()).isEqualTo("The capital of France is Paris.");
    assertThat(france.assertions())
        .allSatisfy(a -> assertThat(a.passed()).as(a.message()).isTrue());
    assertThat(result.cases().get(1).request().path("response_format").path("type").asText())
        .isEqualTo("json_schema");
    assertThat(text).contains("gantry eval: geography - 3 case(s) against " + gateway.baseUrl());
    assertThat(text).containsPattern("\\[1/3\\] PASS ");
    assertThat(text).contains("RESULT: PASSED");
    assertThat(dir.resolve("out/report.json")).exists();
    assertThat(dir.resolve("out/summary.md")).exists();
    assertThat(dir.resolve("out/report.html")).exists();
    Document junit =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("out/junit.xml").toFile());
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(3);
    assertThat(junit.getElementsByTagName("failure").getLength()).isZero();
    boolean keySent =
        sim.received().stream()
            .anyMatch(
                r ->
                    r.path().equals("/v1/chat/completions")
                        && r.body().path("model").asText().equals("judge-model"));
    assertThat(keySent).as("the judge was asked through the gateway").isTrue();
  }

  @Test
  void a_failed_threshold_exits_1_and_names_the_failure() throws Exception {
    String suite =
        "target: {model: gpt-4o-mini}\n"
            + "thresholds: {pass_rate: 0.9}\n"
            + "cases:\n"
            + "  - {id: right, prompt: 'capital of France?', assert: [{type: contains, value: Paris}]}\n"
            + "  - {id: wrong, prompt: 'capital of Germany?', assert: [{type: contains, value: Paris}]}\n";
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    EvalOutcome outcome = run(options(write("fail.yaml", suite)).build(), console);
    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(outcome.result().metrics().passRate()).isEqualTo(0.5);
    String text = console.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("FAIL pass_rate >= 0.9000: 0.5000")
        .contains("RESULT: FAILED (threshold)");
    assertThat(text)
        .containsPattern(
            "FAIL  wrong .*contains: output \"The capital of Germany is Berlin.\" lacks \"Paris\"");
    String junit = Files.readString(dir.resolve("out/junit.xml"));
    assertThat(junit)
        .contains("<testcase classname=\"gantry.eval.fail\" name=\"wrong\"")
        .contains("<failure");
  }

  @Test
  void without_thresholds_every_case_must_pass() throws Exception {
    String suite =
        "target: {model: gpt-4o-mini}\n"
            + "cases:\n"
            + "  - {id: right, prompt: 'capital of France?', assert: [{type: contains, value: Paris}]}\n"
            + "  - {id: wrong, prompt: 'capital of Germany?', assert: [{type: contains, value: Paris}]}\n";
    assertThat(run(options(write("s.yaml", suite)).build(), new ByteArrayOutputStream()).exitCode())
        .isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void an_unreachable_target_exits_2() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    EvalOutcome outcome =
        run(options(write("suite.yaml", PASSING)).target("http://127.0.0.1:1").build(), console);
    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(outcome.result()).isNull();
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("error: cannot reach the target http://127.0.0.1:1: connection refused");
  }

  @Test
  void an_invalid_suite_exits_2_naming_the_case_and_field() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Path suite =
        write(
            "bad.yaml",
            "cases:\n  - id: a\n    prompt: hi\n    assert: [{type: latency, value: soon}]\n");
    EvalOutcome outcome = run(options(suite).build(), console);
    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("bad.yaml: cases[0] (id \"a\").assert[0].value: expected a whole number");
  }

  @Test
  void a_missing_model_or_judge_exits_2() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Path noModel = write("m.yaml", "cases: [{id: a, prompt: hi}]\n");
    assertThat(run(options(noModel).build(), console).exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("no model for case(s) a");
    assertThat(
            run(options(noModel).model("gpt-4o-mini").build(), new ByteArrayOutputStream())
                .exitCode())
        .isEqualTo(ExitCodes.PASSED);
    Path noJudge =
        write(
            "j.yaml",
            "target: {model: gpt-4o-mini}\ncases: [{id: a, prompt: hi, assert: [{type: llm-rubric, value: ok}]}]\n");
    ByteArrayOutputStream judgeConsole = new ByteArrayOutputStream();
    assertThat(run(options(noJudge).build(), judgeConsole).exitCode())
        .isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(judgeConsole.toString(StandardCharsets.UTF_8)).contains("need a judge model");
  }

  @Test
  void a_second_run_is_served_from_the_cache() throws Exception {
    Path suite = write("suite.yaml", PASSING);
    long before = chatRequests();
    EvalOutcome first = run(options(suite).build(), new ByteArrayOutputStream());
    long afterFirst = chatRequests();
    assertThat(first.result().metrics().cacheHits()).isZero();
    assertThat(afterFirst - before).isEqualTo(4); // three cases and one judge call

    EvalOutcome second = run(options(suite).build(), new ByteArrayOutputStream());
    assertThat(second.exitCode()).isEqualTo(ExitCodes.PASSED);
    assertThat(second.result().metrics().cacheHits()).isEqualTo(3);
    assertThat(second.result().cases()).allSatisfy(c -> assertThat(c.cached()).isTrue());
    assertThat(second.result().cases().get(0).latencyMs())
        .isEqualTo(first.result().cases().get(0).latencyMs());
    assertThat(chatRequests()).isEqualTo(afterFirst);

    EvalOutcome third = run(options(suite).noCache(true).build(), new ByteArrayOutputStream());
    assertThat(third.result().metrics().cacheHits()).isZero();
    assertThat(chatRequests() - afterFirst).isEqualTo(4);
  }

  @Test
  void tags_select_cases() throws Exception {
    EvalOutcome outcome =
        run(
            options(write("suite.yaml", PASSING)).tags(java.util.List.of("abstain")).build(),
            new ByteArrayOutputStream());
    assertThat(outcome.result().cases()).extracting(CaseResult::id).containsExactly("unknown");
    assertThat(outcome.result().metrics().byTag()).containsOnlyKeys("abstain");
  }

  @Test
  void config_starts_a_gateway_in_process_and_stops_it() throws Exception {
    Path config =
        write(
            "gantry.yaml",
            "auth: {required: false}\naudit: {enabled: false}\n"
                + GantryTestKit.simConfig("gpt-4o-mini", "judge-model"));
    Path suite = write("suite.yaml", PASSING);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    EvalOutcome outcome =
        run(
            options(suite)
                .target(null)
                .config(config)
                .env(Map.of("SIM_URL", sim.baseUrl()))
                .build(),
            console);
    String text = console.toString(StandardCharsets.UTF_8);
    assertThat(outcome.exitCode()).as(text).isEqualTo(ExitCodes.PASSED);
    String url = outcome.result().info().target();
    assertThat(url).isNotEqualTo(gateway.baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(outcome.result().info().gatewayConfig()).isEqualTo(config.toString());
    java.net.URI uri = java.net.URI.create(url);
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
      org.assertj.core.api.Assertions.fail("the in-process gateway still listens on " + url);
    } catch (java.io.IOException expected) {
      // closed after the run
    }
  }

  @Test
  void an_invalid_gateway_config_exits_2() throws Exception {
    Path config = write("gantry.yaml", "routes: 42\n");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    EvalOutcome outcome =
        run(options(write("suite.yaml", PASSING)).target(null).config(config).build(), console);
    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("error: gateway configuration:");
  }

  static long chatRequests() {
    return sim.received().stream().filter(r -> r.path().equals("/v1/chat/completions")).count();
  }
}
