package dev.gantry.guardrails.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Ordinary prose without personal data, to teach and to measure restraint: the GPTCache benchmark
 * sentences (paraphrases of Hugging Face documentation, each upstream row a pair kept on one side
 * of the split) and a set of everyday sentences written for Gantry (capitalised months, weekdays,
 * languages, products, titles and sentence starts). Everyday sentences are training-only; the
 * GPTCache rows split like {@link PiiSamples}: bucket 0..19 held out, 20..29 development, 30..49
 * training, the rest unused.
 */
final class ProseSamples {
  private ProseSamples() {}

  /**
   * GPTCache training rows are buckets 30 up to (not including) this one. Half the available rows:
   * more prose lowered recall on unseen sentence patterns (template-disjoint cross-validation) more
   * than it lowered false alarms on development prose.
   */
  static final int TRAIN_UPTO = 50;

  /** GPTCache rows of the held-out part, both sentences of each row. */
  static List<PiiSamples.Sample> test() {
    return gptcache(0, 20);
  }

  static List<PiiSamples.Sample> dev() {
    return gptcache(20, 30);
  }

  /**
   * Training negatives: the everyday sentences, the GPTCache rows in buckets 30..49 and the
   * customer-support requests of the injection data's training part (BANKING77) that name nobody
   * and no place: no capitalised word after the first but "I". CLINC150's requests are lower-cased
   * and name cities and people ("what's the weather in boston"), which would teach that a place
   * after "in" is not one.
   */
  static List<PiiSamples.Sample> train() {
    List<PiiSamples.Sample> out = new ArrayList<>();
    for (String line : lines("/pii/prose/everyday-sentences.txt")) {
      out.add(new PiiSamples.Sample(line, List.of()));
    }
    out.addAll(gptcache(30, TRAIN_UPTO));
    out.addAll(requests(INJECTION_TRAIN));
    return out;
  }

  static final java.nio.file.Path INJECTION_TRAIN =
      java.nio.file.Path.of("../data/injection/train.jsonl");
  static final java.nio.file.Path INJECTION_DEV =
      java.nio.file.Path.of("../data/injection/dev.jsonl");

  /** Sources of the injection data whose benign rows are requests without personal data. */
  static final List<String> PII_FREE_SOURCES = List.of("PolyAI-LDN/task-specific-datasets");

  private static final java.util.regex.Pattern CAPITALISED_AFTER_FIRST =
      java.util.regex.Pattern.compile("\\s(?!I\\b|I'\\w)\\p{Lu}");

  /**
   * The benign rows of {@code file} (injection data) from {@link #PII_FREE_SOURCES} without a
   * capitalised word after the first (other than "I").
   */
  static List<PiiSamples.Sample> requests(java.nio.file.Path file) {
    List<PiiSamples.Sample> out = new ArrayList<>();
    try {
      for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
        com.fasterxml.jackson.databind.JsonNode n = dev.gantry.core.api.Json.MAPPER.readTree(line);
        String source = n.path("source").asText();
        String text = n.path("text").asText();
        if (n.path("label").asText().equals("benign")
            && PII_FREE_SOURCES.stream().anyMatch(source::startsWith)
            && !CAPITALISED_AFTER_FIRST.matcher(text).find()) {
          out.add(new PiiSamples.Sample(text, List.of()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<PiiSamples.Sample> gptcache(int fromBucket, int toBucket) {
    List<PiiSamples.Sample> out = new ArrayList<>();
    for (String line : lines("/pii/prose/gptcache-sentences.tsv")) {
      int bucket = PiiSamples.bucket(PiiSamples.SEED + ":prose:" + line);
      if (bucket < fromBucket || bucket >= toBucket) {
        continue;
      }
      for (String sentence : line.split("\t")) {
        out.add(new PiiSamples.Sample(sentence, List.of()));
      }
    }
    return out;
  }

  private static List<String> lines(String resource) {
    try (InputStream in = ProseSamples.class.getResourceAsStream(resource)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Share of {@code texts} in which {@code detector} finds anything, and the findings. */
  static String falsePositiveReport(
      String title, List<PiiSamples.Sample> texts, PiiDetector detector) {
    int flagged = 0;
    int findings = 0;
    List<String> examples = new ArrayList<>();
    for (PiiSamples.Sample s : texts) {
      List<PiiSpan> spans = detector.detect(s.text());
      if (!spans.isEmpty()) {
        flagged++;
        findings += spans.size();
        if (examples.size() < 8) {
          PiiSpan f = spans.get(0);
          examples.add(f.type() + ":" + s.text().substring(f.start(), f.end()));
        }
      }
    }
    return String.format(
        java.util.Locale.ROOT,
        "== %s: %d of %d sentences flagged (%.1f%%), %d findings; e.g. %s",
        title,
        flagged,
        texts.size(),
        100.0 * flagged / texts.size(),
        findings,
        examples);
  }

  static double flaggedShare(List<PiiSamples.Sample> texts, PiiDetector detector) {
    int flagged = 0;
    for (PiiSamples.Sample s : texts) {
      flagged += detector.detect(s.text()).isEmpty() ? 0 : 1;
    }
    return (double) flagged / texts.size();
  }
}
