package dev.gantry.guardrails.pii;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The labelled PII texts in {@code /pii/samples.jsonl} (presidio-research synthetic data, see the
 * README there) and the seeded splits used to train and evaluate the name and place tagger.
 *
 * <p>Split: each text goes to a bucket 0..99 by the first four bytes of SHA-256 of {@link #SEED} +
 * ":" + the text in lower case, so exact duplicates (and case variants) land together. Buckets
 * 0..19 are the held-out test part, never trained or tuned on; 20..29 the development part used to
 * choose features and epochs; 30..99 training. The shipped model is trained on training +
 * development.
 */
final class PiiSamples {
  static final String SEED = "gantry-pii-split-v1";

  record Gold(int start, int end, String type) {}

  record Sample(String text, List<Gold> spans) {
    int bucket() {
      return PiiSamples.bucket(SEED + ":" + text.toLowerCase(Locale.ROOT));
    }

    boolean isTest() {
      return bucket() < 20;
    }

    boolean isDev() {
      int b = bucket();
      return b >= 20 && b < 30;
    }

    boolean isTrain() {
      return bucket() >= 30;
    }

    /** The text with every span replaced by its type, in lower case: the generating template. */
    String template() {
      StringBuilder b = new StringBuilder();
      int last = 0;
      for (Gold g : spans) {
        if (g.start() < last) {
          continue;
        }
        b.append(text, last, g.start()).append('{').append(g.type()).append('}');
        last = g.end();
      }
      b.append(text.substring(last));
      return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Fold 0..k-1 of this text's template, for cross-validation over unseen templates. */
    int templateFold(int k) {
      return PiiSamples.bucket(SEED + ":template:" + template()) % k;
    }
  }

  private PiiSamples() {}

  private static List<Sample> all;

  static synchronized List<Sample> all() {
    if (all == null) {
      all = List.copyOf(read());
    }
    return all;
  }

  static List<Sample> where(Predicate<Sample> which) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : all()) {
      if (which.test(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Sample> read() {
    try (InputStream in = PiiSamples.class.getResourceAsStream("/pii/samples.jsonl")) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Sample> out = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = Json.MAPPER.readTree(line);
        List<Gold> spans = new ArrayList<>();
        for (JsonNode s : row.get("spans")) {
          spans.add(new Gold(s.get("start").asInt(), s.get("end").asInt(), s.get("type").asText()));
        }
        out.add(new Sample(row.get("text").asText(), List.copyOf(spans)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int bucket(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long v =
          ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
      return (int) (v % 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
