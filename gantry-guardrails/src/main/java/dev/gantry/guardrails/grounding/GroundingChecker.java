package dev.gantry.guardrails.grounding;

import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks an answer against the sources it was given: each claim (sentence) is scored by {@link
 * GroundingModel} from its {@link ClaimFeatures}, and its citations are checked against the sources
 * they name. When the model uses sentence similarity, the shared embedder embeds the claims and,
 * per claim, the {@value #CANDIDATES} source sentences that share most of its words (so the cost
 * grows with the answer, not with the sources); the bundled model does not (it measured no gain),
 * so a check costs about a millisecond of CPU. Shared and thread-safe.
 */
public final class GroundingChecker {
  /** Source sentences per claim compared by embedding. */
  static final int CANDIDATES = 4;

  private final Embedder embedder;
  private final GroundingModel model;

  /**
   * @param embedder the sentence embedder, or null to score without similarity (the feature is 0)
   */
  public GroundingChecker(Embedder embedder, GroundingModel model) {
    this.embedder = embedder;
    this.model = Objects.requireNonNull(model, "model");
  }

  /** With the bundled model. */
  public static GroundingChecker defaults(Embedder embedder) {
    return new GroundingChecker(embedder, GroundingModel.defaults());
  }

  public GroundingModel model() {
    return model;
  }

  /** The embedder, or null. */
  public Embedder embedder() {
    return embedder;
  }

  /**
   * @param sources the texts the answer was to be based on, numbered from 1 in this order
   * @param question the question the answer replies to, or null; its words are context, not claims
   */
  public GroundingReport check(String answer, List<String> sources, String question) {
    List<Claim> claims = Claim.split(answer);
    Evidence evidence = new Evidence(sources);
    List<Terms.Term> asked = question == null ? List.of() : Terms.of(question);
    List<ClaimFeatures> features = features(claims, evidence, question, asked);
    List<ClaimResult> out = new ArrayList<>();
    double score = 0;
    for (int i = 0; i < claims.size(); i++) {
      Claim c = claims.get(i);
      ClaimFeatures f = features.get(i);
      double risk = model.risk(f);
      Support support =
          risk < model.threshold()
              ? Support.SUPPORTED
              : f.conflict() || !f.comparison().isEmpty()
                  ? Support.CONTRADICTED
                  : Support.UNSUPPORTED;
      List<Integer> bad =
          support == Support.SUPPORTED ? badCitations(c, evidence, question, asked) : List.of();
      out.add(
          new ClaimResult(
              c, support, risk, f.source(), f.evidence(), f.missing(), f.conflicts(), bad));
      score = Math.max(score, bad.isEmpty() ? risk : Math.max(risk, model.threshold()));
    }
    return new GroundingReport(out, score);
  }

  /** The features of each claim (package-private for measurement). */
  List<ClaimFeatures> features(
      List<Claim> claims, Evidence evidence, String question, List<Terms.Term> asked) {
    List<List<Terms.Term>> terms = new ArrayList<>();
    for (Claim c : claims) {
      terms.add(Terms.of(c.text()));
    }
    double[][] similarity = similarity(claims, terms, evidence);
    List<ClaimFeatures> out = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      out.add(
          ClaimFeatures.of(
              claims.get(i).text(), terms.get(i), question, asked, evidence, similarity[i]));
    }
    return out;
  }

  /** Per claim, the cosine to every evidence line (0 for lines not among its candidates). */
  private double[][] similarity(List<Claim> claims, List<List<Terms.Term>> terms, Evidence e) {
    double[][] out = new double[claims.size()][];
    boolean used = model.model().weights()[GroundingModel.FEATURES.indexOf("similarity")] != 0;
    if (embedder == null || !used || e.lines.isEmpty() || claims.isEmpty()) {
      return out;
    }
    Map<String, Integer> texts = new LinkedHashMap<>();
    List<int[]> candidates = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      texts.putIfAbsent(claims.get(i).text(), texts.size());
      int[] best = candidates(terms.get(i), e);
      candidates.add(best);
      for (int l : best) {
        texts.putIfAbsent(e.lines.get(l).text(), texts.size());
      }
    }
    List<float[]> vectors = embedder.embedAll(new ArrayList<>(texts.keySet()));
    for (int i = 0; i < claims.size(); i++) {
      float[] claim = vectors.get(texts.get(claims.get(i).text()));
      double[] row = new double[e.lines.size()];
      for (int l : candidates.get(i)) {
        row[l] = Vectors.cosine(claim, vectors.get(texts.get(e.lines.get(l).text())));
      }
      out[i] = row;
    }
    return out;
  }

  /** The evidence lines that share the most weighted terms with the claim. */
  private static int[] candidates(List<Terms.Term> claim, Evidence e) {
    List<Integer> idx = new ArrayList<>();
    double[] overlap = new double[e.lines.size()];
    for (int l = 0; l < e.lines.size(); l++) {
      Set<String> stems = e.lines.get(l).stems();
      for (Terms.Term t : claim) {
        if (stems.contains(t.stem())) {
          overlap[l] += ClaimFeatures.weight(t);
        }
      }
      idx.add(l);
    }
    idx.sort(Comparator.comparingDouble((Integer l) -> -overlap[l]).thenComparingInt(l -> l));
    int n = Math.min(CANDIDATES, idx.size());
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = idx.get(k);
    }
    return out;
  }

  /**
   * Citations that name no source, or a source that alone does not support the claim (the claim is
   * supported by the sources together, but not by the ones it cites).
   */
  private List<Integer> badCitations(
      Claim c, Evidence all, String question, List<Terms.Term> asked) {
    List<Integer> bad = new ArrayList<>();
    List<Integer> valid = new ArrayList<>();
    for (int n : c.citations()) {
      if (n < 1 || n > all.sources.size()) {
        bad.add(n);
      } else {
        valid.add(n);
      }
    }
    if (valid.isEmpty()) {
      return bad;
    }
    List<String> cited = new ArrayList<>();
    for (int n : valid) {
      cited.add(all.sources.get(n - 1));
    }
    Evidence only = new Evidence(cited);
    ClaimFeatures f = ClaimFeatures.of(c.text(), Terms.of(c.text()), question, asked, only, null);
    ClaimFeatures g = ClaimFeatures.of(c.text(), Terms.of(c.text()), question, asked, all, null);
    // Similarity is left out of both, so the two risks differ only in what the sources hold.
    if (model.risk(f) >= model.threshold() && model.risk(g) < model.threshold()) {
      bad.addAll(valid);
    }
    return bad;
  }
}
