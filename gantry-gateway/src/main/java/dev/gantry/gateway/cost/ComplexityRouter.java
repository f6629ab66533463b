package dev.gantry.gateway.cost;

import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.cost.TierDecision.Signal;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Scores how demanding a chat request is, 0..1, from features of its text: length, code, maths, an
 * instruction that opens with a reasoning task (design, analyse, evaluate, compare, plan, prove,
 * …), other multi-step reasoning cues, tool definitions, conversation depth and a requested JSON
 * schema, each adding a fixed weight (below), plus, when the route lists labelled examples, a vote
 * of the {@value #K} examples nearest to the last user message by sentence embedding (±{@value
 * #EXAMPLE_WEIGHT}). Requests scoring at or above the route's threshold are complex. Shared and
 * thread-safe; {@link #score} embeds (CPU-bound) only when examples are configured.
 */
final class ComplexityRouter {
  static final int K = 3;
  static final double EXAMPLE_WEIGHT = 0.3;
  static final double LONG_WEIGHT = 0.25;
  static final double VERY_LONG_WEIGHT = 0.45;
  static final long LONG_TOKENS = 200;
  static final long VERY_LONG_TOKENS = 800;
  static final double CODE_WEIGHT = 0.5;
  static final double MATH_WEIGHT = 0.5;
  static final double STEP_WEIGHT = 0.25;
  static final double TASK_WEIGHT = 0.5;
  static final double TOOLS_WEIGHT = 0.3;
  static final double DEPTH_WEIGHT = 0.2;
  static final int DEEP_MESSAGES = 8;
  static final double SCHEMA_WEIGHT = 0.3;

  private static final Pattern CODE =
      Pattern.compile(
          "```|\\b(def|class|function|return|import|public static|void|const|let|var|lambda)\\s"
              + "|#include|=>|\\bsql\\b|\\bregex|\\b(python|java|javascript|typescript|rust|golang"
              + "|c\\+\\+|kotlin|bash)\\b|\\b(implement|refactor|debug|compile|stack trace"
              + "|unit test|algorithm|recursion|complexity of)\\b|[{};]\\s*\\n"
              + "|\\bwrite (a|an|the|some)\\s+(\\w+\\s+){0,3}(program|script|function|query|class"
              + "|method|test|regex|snippet)\\b");
  private static final Pattern MATH =
      Pattern.compile(
          "\\\\(frac|sum|int)|\\b(prove|proof|theorem|integral|derivative|differentiate"
              + "|integrate|equation|polynomial|probability|expected value|matrix|eigen"
              + "|solve for|lemma|combinator\\w*|modulo|derive|formula|compute|computation"
              + "|calculate|calculation)\\b|\\d+\\s*[-+*/^]\\s*\\d+.*\\d+\\s*[-+*/^=]"
              + "\\s*\\d+|\\b[xyz]\\s*\\^\\s*\\d");

  /**
   * An instruction that opens with a reasoning task ("Design …", "Analyse …", "; evaluate …"): the
   * verb as an imperative, at the start of a sentence or clause, not a noun ("the pro plan").
   */
  private static final Pattern TASK =
      Pattern.compile(
          "(^|[.;:?!]\\s+|\\band\\s+)(please\\s+)?(design|architect|analy[sz]e|evaluate|assess"
              + "|critique|compare|contrast|plan|justify|derive|prove|refactor|implement|debug)\\b");

  private static final List<Pattern> STEPS =
      List.of(
          Pattern.compile("step[- ]by[- ]step"),
          Pattern.compile("\\b(compare|contrast|trade-?offs?|pros and cons)\\b"),
          Pattern.compile("\\b(analy[sz]e|evaluate|assess|critique|justify)\\b"),
          Pattern.compile("\\b(design|architect|plan|strategy|roadmap)\\b"),
          Pattern.compile("\\bexplain (why|how)\\b|\\bwhy does\\b|\\bwhat would happen\\b"),
          Pattern.compile("\\bfirst\\b.*\\bthen\\b|\\b(and then|after that|finally)\\b"));

  private final TieringConfig config;
  private final Supplier<Embedder> embedder;
  private final TokenEstimator tokens;
  private volatile List<float[]> simple;
  private volatile List<float[]> complex;

  ComplexityRouter(TieringConfig config, Supplier<Embedder> embedder, TokenEstimator tokens) {
    this.config = config;
    this.embedder = embedder;
    this.tokens = tokens;
  }

  /** True when a score needs embeddings (do it on a worker). */
  boolean usesExamples() {
    return !config.simpleExamples().isEmpty();
  }

  record Score(double value, Set<Signal> signals) {}

  Score score(ChatRequest request) {
    Set<Signal> signals = EnumSet.noneOf(Signal.class);
    double score = 0;
    ChatMessage last = request.lastUserMessage();
    String text = last == null ? "" : last.text();
    String lower = text.toLowerCase(Locale.ROOT);
    long length = 0;
    int conversation = 0;
    for (ChatMessage m : request.messages()) {
      if (!HistoryTrimmer.system(m)) {
        length += tokens.message(m);
        conversation++;
      }
    }
    if (length >= VERY_LONG_TOKENS) {
      score += VERY_LONG_WEIGHT;
      signals.add(Signal.LONG_INPUT);
    } else if (length >= LONG_TOKENS) {
      score += LONG_WEIGHT;
      signals.add(Signal.LONG_INPUT);
    }
    if (CODE.matcher(lower).find()) {
      score += CODE_WEIGHT;
      signals.add(Signal.CODE);
    }
    if (MATH.matcher(lower).find()) {
      score += MATH_WEIGHT;
      signals.add(Signal.MATH);
    }
    if (TASK.matcher(lower).find()) {
      score += TASK_WEIGHT;
      signals.add(Signal.MULTI_STEP);
    }
    int steps = 0;
    for (Pattern p : STEPS) {
      steps += p.matcher(lower).find() ? 1 : 0;
    }
    int questions = (int) lower.chars().filter(c -> c == '?').count();
    steps += questions >= 2 ? 1 : 0;
    if (steps > 0) {
      score += STEP_WEIGHT * Math.min(2, steps);
      signals.add(Signal.MULTI_STEP);
    }
    if (request.json().path("tools").isArray() && !request.json().get("tools").isEmpty()) {
      score += TOOLS_WEIGHT;
      signals.add(Signal.TOOLS);
    }
    if (conversation >= DEEP_MESSAGES) {
      score += DEPTH_WEIGHT;
      signals.add(Signal.DEEP_CONVERSATION);
    }
    if ("json_schema".equals(request.json().path("response_format").path("type").asText())) {
      score += SCHEMA_WEIGHT;
      signals.add(Signal.JSON_SCHEMA);
    }
    if (usesExamples() && !text.isBlank()) {
      double vote = vote(text);
      if (vote > 0.5) {
        signals.add(Signal.NEAR_COMPLEX_EXAMPLES);
      } else if (vote < 0.5) {
        signals.add(Signal.NEAR_SIMPLE_EXAMPLES);
      }
      score += (vote - 0.5) * 2 * EXAMPLE_WEIGHT;
    }
    return new Score(Math.max(0, Math.min(1, score)), signals);
  }

  /** The share of complex examples among the {@value #K} nearest to {@code text}. */
  private double vote(String text) {
    Embedder e = embedder.get();
    if (simple == null) {
      synchronized (this) {
        if (simple == null) {
          complex = e.embedAll(config.complexExamples());
          simple = e.embedAll(config.simpleExamples());
        }
      }
    }
    float[] q = e.embed(text);
    record Near(double similarity, boolean complex) {}
    List<Near> all = new ArrayList<>();
    simple.forEach(v -> all.add(new Near(Vectors.cosine(q, v), false)));
    complex.forEach(v -> all.add(new Near(Vectors.cosine(q, v), true)));
    all.sort(Comparator.comparingDouble(Near::similarity).reversed());
    int k = Math.min(K, all.size());
    int votes = 0;
    for (int i = 0; i < k; i++) {
      votes += all.get(i).complex() ? 1 : 0;
    }
    return k == 0 ? 0.5 : (double) votes / k;
  }
}
