package dev.gantry.guardrails.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys, tokens and private keys: the published formats of common providers (OpenAI and
 * Anthropic {@code sk-…}, AWS access key ids, GitHub, GitLab, Slack, Google, Stripe, JWTs, PEM
 * private keys), plus values assigned to secret-sounding names ({@code password=…}, {@code api_key:
 * …}) whose characters look random (Shannon entropy of at least {@link #MIN_ENTROPY} bits per
 * character).
 */
final class CredentialRecognizer implements Recognizer {
  static final double MIN_ENTROPY = 3.0;

  private static final Pattern KNOWN =
      Pattern.compile(
          String.join(
              "|",
              "\\bsk-(?:proj-|svcacct-|admin-|ant-(?:api\\d\\d-)?)?[A-Za-z0-9_-]{20,}",
              "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
              "\\bgh[pousr]_[A-Za-z0-9]{36,}\\b",
              "\\bgithub_pat_[A-Za-z0-9_]{22,}\\b",
              "\\bglpat-[A-Za-z0-9_-]{20,}",
              "\\bxox[abprs]-[A-Za-z0-9-]{10,}",
              "\\bAIza[0-9A-Za-z_-]{35}",
              "\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,}\\b",
              "\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}",
              "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));

  private static final Pattern ASSIGNED =
      Pattern.compile(
          "(?i)\\b(?:password|passwd|pwd|secret|client_secret|token|auth_token|api[_-]?key|access[_-]?key|private[_-]?key)"
              + "\\s*[:=]\\s*[\"']?([^\\s\"',;]{8,})");

  @Override
  public void find(String text, List<PiiSpan> out) {
    Matcher known = KNOWN.matcher(text);
    while (known.find()) {
      out.add(new PiiSpan(known.start(), known.end(), PiiType.CREDENTIAL, 0.95));
    }
    Matcher assigned = ASSIGNED.matcher(text);
    while (assigned.find()) {
      String value = assigned.group(1);
      if (entropy(value) >= MIN_ENTROPY) {
        out.add(new PiiSpan(assigned.start(1), assigned.end(1), PiiType.CREDENTIAL, 0.8));
      }
    }
  }

  /** Shannon entropy of the characters of {@code s}, in bits per character. */
  static double entropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    int n = s.length();
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / n;
        h -= p * (Math.log(p) / Math.log(2));
      }
    }
    if (other > 0) {
      double p = (double) other / n;
      h -= p * (Math.log(p) / Math.log(2));
    }
    return h;
  }
}
