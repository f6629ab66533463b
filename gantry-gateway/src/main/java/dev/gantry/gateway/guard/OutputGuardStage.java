package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.guardrails.CheckContext;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.GuardrailRunner;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.checks.CanaryGuardrail;
import dev.gantry.guardrails.checks.GroundingGuardrail;
import dev.gantry.guardrails.grounding.GroundingJson;
import dev.gantry.guardrails.grounding.GroundingReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The route's output checks. On the way in it plants the canary in the system prompt and, for a
 * stream, puts a {@link GuardedSink} in front of the client. On a complete answer it runs every
 * check on every choice concurrently on the worker pool: a block refuses, a redaction rewrites the
 * answer, and a check configured to reprompt (format, grounding, rules) re-asks the model once with
 * what was wrong (through the invoke stage, so retries and fallbacks apply) before it refuses.
 * Checks see the request's context (its question, retrieved sources, route, tenant, tags); a
 * grounding report is added to each choice as {@code gantry_grounding}. Shared and thread-safe.
 */
public final class OutputGuardStage implements Stage {
  private final Map<String, RouteGuards> guards;
  private final GuardrailRunner runner;
  private final EventBus events;
  private final Stage invoke;
  private final Ticker ticker;

  public OutputGuardStage(
      Map<String, RouteGuards> guards,
      Executor workers,
      EventBus events,
      Stage invoke,
      Ticker ticker) {
    this.guards = Map.copyOf(guards);
    this.runner = new GuardrailRunner(workers, null, ticker);
    this.events = events;
    this.invoke = invoke;
    this.ticker = ticker;
  }

  @Override
  public String name() {
    return "output_guard";
  }

  private RouteGuards guards(Exchange exchange) {
    RouteGuards g = exchange.route() == null ? null : guards.get(exchange.route().name());
    return g == null || g.output().isEmpty() ? null : g;
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    RouteGuards g = guards(exchange);
    if (g == null) {
      return Verdict.PASS_NOW;
    }
    if (exchange.sink() != null && exchange.request().json().path("n").asInt(1) > 1) {
      return Verdict.now(
          new Verdict.Reject(
              ApiError.invalid(
                  "This route checks answers as they stream, which supports n = 1 only.",
                  "n",
                  "unsupported_value"),
              "output checks on a stream with n > 1"));
    }
    Verdict refused = unusableSchema(exchange, g);
    if (refused != null) {
      return Verdict.now(refused);
    }
    Verdict verdict = Verdict.PASS;
    if (g.canary() != null) {
      String token = CanaryGuardrail.newToken();
      exchange.canary(token);
      verdict =
          new Verdict.Rewrite(
              TextUnits.withSystemLine(exchange.request(), CanaryGuardrail.instruction(token)),
              "canary planted");
    }
    if (exchange.sink() != null) {
      exchange.sink(
          new GuardedSink(
              exchange.sink(),
              g.output(),
              exchange,
              events,
              g.config().streamWindowChars(),
              ticker,
              runner,
              OnContext.current()));
    }
    return Verdict.now(verdict);
  }

  /**
   * A 400 when the route checks answers against the request's own JSON Schema (it has none of its
   * own) and that schema cannot be used (a pattern RE2/J cannot run, too many or too long patterns,
   * too large): refused before any model is called.
   */
  private static Verdict unusableSchema(Exchange exchange, RouteGuards g) {
    boolean checksJson = false;
    for (RouteGuards.Out out : g.output()) {
      checksJson |=
          out.check() instanceof dev.gantry.core.config.GuardCheck.Json j && j.schemaJson() == null;
    }
    if (!checksJson) {
      return null;
    }
    String problem =
        dev.gantry.guardrails.checks.JsonFormatGuardrail.unusable(
            exchange.request().json().get("response_format"));
    return problem == null
        ? null
        : new Verdict.Reject(
            ApiError.invalid(
                "response_format.json_schema cannot be checked: " + problem + ".",
                "response_format",
                "unsupported_schema"),
            "unusable response schema");
  }

  @Override
  public CompletionStage<Verdict> onResponse(Exchange exchange) {
    RouteGuards g = guards(exchange);
    if (g == null || exchange.response() == null) {
      return Verdict.PASS_NOW;
    }
    return check(exchange, g, false);
  }

  private record Job(int choice, RouteGuards.Out out) {}

  private CompletionStage<Verdict> check(Exchange exchange, RouteGuards g, boolean repaired) {
    ObjectNode response = exchange.response();
    JsonNode format = exchange.request().json().get("response_format");
    List<Job> jobs = new ArrayList<>();
    List<GuardrailRunner.Task> tasks = new ArrayList<>();
    CheckContext context = Contexts.of(exchange, "output", "assistant");
    // The grounding report of each job that ran the grounding check, filled by the workers.
    AtomicReferenceArray<GroundingReport> reports =
        new AtomicReferenceArray<>(Answers.choices(response) * g.output().size());
    for (int i = 0; i < Answers.choices(response); i++) {
      String text = Answers.content(response, i);
      if (text == null) {
        continue;
      }
      OutputText output = new OutputText(text, true, format, exchange.canary(), context);
      for (RouteGuards.Out out : g.output()) {
        int job = jobs.size();
        jobs.add(new Job(i, out));
        Supplier<GuardrailResult> work = () -> out.guard().check(output);
        if (out.guard() instanceof GroundingGuardrail grounding) {
          work =
              () -> {
                GroundingGuardrail.Outcome o = grounding.evaluate(output);
                reports.set(job, o.report());
                return o.result();
              };
        }
        tasks.add(
            new GuardrailRunner.Task(
                out.guard().name(),
                out.check().settings().timeout(),
                out.check().settings().failClosed(),
                work));
      }
    }
    if (tasks.isEmpty()) {
      return Verdict.PASS_NOW;
    }
    Executor onLoop = OnContext.current();
    return runner
        .run(tasks, Decisions.publisher(events, exchange, GuardrailEvaluated.Phase.OUTPUT))
        .thenComposeAsync(
            results -> {
              annotate(exchange, jobs, reports);
              return decide(exchange, g, jobs, results, repaired);
            },
            onLoop);
  }

  private CompletionStage<Verdict> decide(
      Exchange exchange,
      RouteGuards g,
      List<Job> jobs,
      List<GuardrailResult> results,
      boolean repaired) {
    ObjectNode response = exchange.response();
    GuardrailResult.Reprompt reprompt = null;
    int repromptChoice = -1;
    for (int i = 0; i < results.size(); i++) {
      GuardrailResult r = results.get(i);
      Decisions.finding(exchange, GuardrailEvaluated.Phase.OUTPUT, r);
      if (r instanceof GuardrailResult.Reject reject) {
        return Verdict.now(
            Decisions.refuse(
                exchange, reject.guardrail(), reject.message(), g.config().refusalMessage()));
      }
      if (r instanceof GuardrailResult.Rewrite rw) {
        response = Answers.withContent(response, jobs.get(i).choice(), rw.text());
      }
      if (r instanceof GuardrailResult.Reprompt rp && reprompt == null) {
        reprompt = rp;
        repromptChoice = jobs.get(i).choice();
      }
    }
    exchange.response(response);
    if (reprompt == null) {
      return Verdict.PASS_NOW;
    }
    if (repaired) {
      String message =
          (reprompt.guardrail().equals("json")
                  ? "The model's answer did not have the requested format after one repair"
                      + " attempt: "
                  : "The model's answer failed the "
                      + reprompt.guardrail()
                      + " check after one repair attempt: ")
              + reprompt.reason();
      return Verdict.now(
          Decisions.refuse(exchange, reprompt.guardrail(), message, g.config().refusalMessage()));
    }
    return repair(exchange, g, Answers.content(response, repromptChoice), reprompt.reason());
  }

  /** Adds each choice's grounding report to the answer as {@code gantry_grounding}. */
  private static void annotate(
      Exchange exchange, List<Job> jobs, AtomicReferenceArray<GroundingReport> reports) {
    ObjectNode response = exchange.response();
    for (int j = 0; j < jobs.size(); j++) {
      GroundingReport report = reports.get(j);
      if (report != null) {
        JsonNode choice = response.path("choices").path(jobs.get(j).choice());
        if (choice.isObject()) {
          ((ObjectNode) choice).set("gantry_grounding", GroundingJson.of(report));
        }
      }
    }
  }

  /** Re-asks the model once, showing it its answer and what was wrong with it. */
  private CompletionStage<Verdict> repair(
      Exchange exchange, RouteGuards g, String answer, String reason) {
    ObjectNode body = exchange.request().copyJson();
    ArrayNode messages = (ArrayNode) body.get("messages");
    ObjectNode assistant = messages.addObject();
    assistant.put("role", "assistant");
    assistant.put("content", answer);
    ObjectNode user = messages.addObject();
    user.put("role", "user");
    user.put(
        "content",
        "Your previous answer was rejected: "
            + reason
            + ". Reply again with only the corrected answer, nothing else.");
    exchange.request(ChatRequestValidator.validate(body));
    return invoke
        .onRequest(exchange)
        .thenCompose(
            v ->
                v instanceof Verdict.Pass
                    ? check(exchange, g, true)
                    : CompletableFuture.completedFuture(v));
  }

  @Override
  public String toString() {
    return name();
  }
}
