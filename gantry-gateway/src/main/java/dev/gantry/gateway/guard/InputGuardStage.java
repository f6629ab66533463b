package dev.gantry.gateway.guard;

import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.GuardCheck;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.guardrails.CheckContext;
import dev.gantry.guardrails.ContextualInputGuardrail;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.GuardrailRunner;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.EmbeddingBatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs the route's input checks concurrently on the worker pool, each within its budget:
 *
 * <ul>
 *   <li>{@code injection} on the messages of the configured roles that came after the last
 *       assistant turn (earlier turns were checked when they were new);
 *   <li>{@code pii} on every user and tool message (clients resend the whole history);
 *   <li>{@code topic} on the last user message;
 *   <li>{@code safety} on the user messages after the last assistant turn;
 *   <li>{@code rules} and the external checks on the last user message, with the request's context.
 * </ul>
 *
 * The shared embedding of each text that injection, topic or safety reads is computed first,
 * batched with those of concurrent requests, so that no check's worker waits for another to embed.
 * The first block in configuration order refuses the request; redactions rewrite it and, when
 * configured, the placeholders are restored in the answer. Shared and thread-safe.
 */
public final class InputGuardStage implements Stage {
  private final Map<String, RouteGuards> guards;
  private final GuardrailRunner runner;
  private final EventBus events;
  private final Embedder embedder;
  private final Ticker ticker;
  private final Supplier<EmbeddingBatcher> batcher;

  public InputGuardStage(
      Map<String, RouteGuards> guards,
      java.util.concurrent.Executor workers,
      EventBus events,
      Supplier<Embedder> embedder,
      Ticker ticker) {
    this(guards, workers, events, embedder, ticker, null);
  }

  /**
   * @param batcher embeds the texts of concurrent requests together before their checks run, or
   *     null to let the first check that needs an embedding compute it
   */
  public InputGuardStage(
      Map<String, RouteGuards> guards,
      java.util.concurrent.Executor workers,
      EventBus events,
      Supplier<Embedder> embedder,
      Ticker ticker,
      Supplier<EmbeddingBatcher> batcher) {
    this.batcher = batcher;
    this.guards = Map.copyOf(guards);
    this.runner = new GuardrailRunner(workers, null, ticker);
    this.events = events;
    this.embedder = lazy(embedder);
    this.ticker = ticker;
  }

  @Override
  public String name() {
    return "input_guard";
  }

  private record Job(RouteGuards.In in, TextUnits.Unit unit) {}

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    RouteGuards g = exchange.route() == null ? null : guards.get(exchange.route().name());
    if (g == null || g.input().isEmpty()) {
      return Verdict.PASS_NOW;
    }
    ChatRequest request = exchange.request();
    List<TextUnits.Unit> units = TextUnits.of(request);
    // Filled once the shared embeddings are ready, before any check runs.
    Map<TextUnits.Unit, GuardText> texts = new HashMap<>();
    Map<TextUnits.Unit, CompletableFuture<float[]>> vectors = new LinkedHashMap<>();
    List<Job> jobs = new ArrayList<>();
    List<GuardrailRunner.Task> tasks = new ArrayList<>();
    CheckContext context = null;
    long bound = 0;
    for (RouteGuards.In in : g.input()) {
      for (TextUnits.Unit u : select(in.check(), units, request)) {
        if (batcher != null && embeds(in.check()) && !u.role().equals("tool")) {
          vectors.computeIfAbsent(u, k -> batcher.get().submit(GuardText.window(k.text())));
        }
        bound = Math.max(bound, in.check().settings().timeout().toNanos());
        jobs.add(new Job(in, u));
        Supplier<GuardrailResult> work = () -> in.guard().check(texts.get(u));
        if (in.guard() instanceof ContextualInputGuardrail c) {
          context = context != null ? context : Contexts.of(exchange, "input", "user");
          CheckContext forUnit = context.with("input", u.role());
          work = () -> c.check(texts.get(u), forUnit);
        }
        tasks.add(
            new GuardrailRunner.Task(
                in.guard().name(),
                in.check().settings().timeout(),
                in.check().settings().failClosed(),
                work));
      }
    }
    if (tasks.isEmpty()) {
      return Verdict.PASS_NOW;
    }
    CompletableFuture<Object> ready =
        vectors.isEmpty()
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.allOf(vectors.values().toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> (Object) null)
                .completeOnTimeout(null, bound, java.util.concurrent.TimeUnit.NANOSECONDS);
    return ready
        .thenCompose(
            ignored -> {
              for (Job j : jobs) {
                texts.computeIfAbsent(j.unit(), u -> text(u, vectors.get(u)));
              }
              return runner.run(
                  tasks, Decisions.publisher(events, exchange, GuardrailEvaluated.Phase.INPUT));
            })
        .thenApplyAsync(results -> decide(exchange, g, jobs, results), OnContext.current());
  }

  /** The unit's text with its embedding when the batch computed it, else computed on first use. */
  private GuardText text(TextUnits.Unit u, CompletableFuture<float[]> vector) {
    if (vector != null && vector.isDone() && !vector.isCompletedExceptionally()) {
      return new GuardText(u.text(), embedder, vector.join());
    }
    return new GuardText(u.text(), embedder, u.role().equals("tool"));
  }

  /** Checks that read the text's shared embedding. */
  private static boolean embeds(GuardCheck check) {
    return check instanceof GuardCheck.Injection
        || check instanceof GuardCheck.Topic
        || check instanceof GuardCheck.Safety;
  }

  /** The model is only loaded when a check first embeds (configurations without one never do). */
  private static Embedder lazy(Supplier<Embedder> embedder) {
    return new Embedder() {
      @Override
      public int dimensions() {
        return embedder.get().dimensions();
      }

      @Override
      public float[] embed(String text) {
        return embedder.get().embed(text);
      }

      @Override
      public List<float[]> embedAll(List<String> texts) {
        return embedder.get().embedAll(texts);
      }
    };
  }

  static List<TextUnits.Unit> select(
      GuardCheck check, List<TextUnits.Unit> units, ChatRequest request) {
    List<TextUnits.Unit> out = new ArrayList<>();
    if (check instanceof GuardCheck.Injection inj) {
      int after = TextUnits.lastAssistant(request);
      for (TextUnits.Unit u : units) {
        if (u.message() > after && inj.roles().contains(u.role())) {
          out.add(u);
        }
      }
    } else if (check instanceof GuardCheck.Safety
        || check instanceof GuardCheck.Rules
        || check instanceof GuardCheck.External) {
      int after = TextUnits.lastAssistant(request);
      for (TextUnits.Unit u : units) {
        if (u.message() > after && u.role().equals("user")) {
          out.add(u);
        }
      }
    } else if (check instanceof GuardCheck.Pii) {
      for (TextUnits.Unit u : units) {
        if (u.role().equals("user") || u.role().equals("tool")) {
          out.add(u);
        }
      }
    } else if (check instanceof GuardCheck.Topic) {
      int last = TextUnits.lastUser(request);
      StringBuilder text = new StringBuilder();
      for (TextUnits.Unit u : units) {
        if (u.message() == last) {
          text.append(text.length() == 0 ? "" : "\n").append(u.text());
        }
      }
      if (text.length() > 0) {
        out.add(new TextUnits.Unit(last, -2, "user", text.toString()));
      }
    }
    return out;
  }

  private Verdict decide(
      Exchange exchange, RouteGuards g, List<Job> jobs, List<GuardrailResult> results) {
    GuardrailResult.Reject block = null;
    Map<TextUnits.Unit, String> rewrites = new LinkedHashMap<>();
    Map<String, String> restore = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      GuardrailResult r = results.get(i);
      Decisions.finding(exchange, GuardrailEvaluated.Phase.INPUT, r);
      if (r instanceof GuardrailResult.Reject reject && block == null) {
        block = reject;
      } else if (r instanceof GuardrailResult.Rewrite rw && jobs.get(i).unit().part() > -2) {
        rewrites.putIfAbsent(jobs.get(i).unit(), rw.text());
        restore.putAll(rw.restore());
      }
    }
    if (block != null) {
      String answer =
          block.guardrail().equals("topic") ? block.message() : g.config().refusalMessage();
      return Decisions.refuse(exchange, block.guardrail(), block.message(), answer);
    }
    if (rewrites.isEmpty()) {
      return Verdict.PASS;
    }
    if (!restore.isEmpty()) {
      exchange.placeholders(restore);
      if (exchange.sink() != null) {
        exchange.sink(new RestoringSink(exchange.sink(), restore));
      }
    }
    return new Verdict.Rewrite(
        TextUnits.replace(exchange.request(), rewrites), "pii: redacted " + rewrites.size());
  }

  @Override
  public CompletionStage<Verdict> onResponse(Exchange exchange) {
    if (!exchange.placeholders().isEmpty() && exchange.response() != null) {
      exchange.response(Answers.mapContent(exchange.response(), exchange.placeholders()));
    }
    return Verdict.PASS_NOW;
  }

  @Override
  public String toString() {
    return name();
  }
}
