package dev.gantry.eval.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a run. {@link #caseDone} is called from worker threads, one call at a time (the
 * executor serialises them). Implementations write to a {@link PrintStream}.
 */
public interface Progress {
  void started(int total);

  void caseDone(CaseResult result, int done, int total, int failed);

  void completed();

  /** Nothing at all. */
  static Progress none() {
    return new Progress() {
      @Override
      public void started(int total) {}

      @Override
      public void caseDone(CaseResult result, int done, int total, int failed) {}

      @Override
      public void completed() {}
    };
  }

  /** One line per case, for logs and CI: {@code [ 3/40] PASS capital-fr 0.92 120 ms}. */
  static Progress lines(PrintStream out) {
    return new Progress() {
      @Override
      public void started(int total) {}

      @Override
      public void caseDone(CaseResult r, int done, int total, int failed) {
        int width = String.valueOf(total).length();
        String status = r.error() != null ? "ERROR" : r.passed() ? "PASS " : "FAIL ";
        StringBuilder b =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "[%" + width + "d/%d] %s %s  %.2f",
                    done,
                    total,
                    status,
                    r.id(),
                    r.score()));
        if (r.latencyMs() != null) {
          b.append("  ").append(r.latencyMs()).append(" ms");
        }
        if (r.cached()) {
          b.append("  (cached)");
        }
        if (r.error() != null) {
          b.append("  ").append(clip(r.error()));
        } else if (!r.passed() && !r.failures().isEmpty()) {
          b.append("  ").append(clip(r.failures().get(0)));
        }
        out.println(b);
        out.flush();
      }

      @Override
      public void completed() {}
    };
  }

  /** One line of at most 200 characters. */
  private static String clip(String s) {
    String t = s.replace('\n', ' ');
    return t.length() > 200 ? t.substring(0, 197) + "..." : t;
  }

  /** A bar redrawn in place with a carriage return, for an interactive terminal. */
  static Progress bar(PrintStream out) {
    return new Progress() {
      private static final int WIDTH = 30;

      @Override
      public void started(int total) {
        draw(0, total, 0);
      }

      @Override
      public void caseDone(CaseResult r, int done, int total, int failed) {
        draw(done, total, failed);
      }

      @Override
      public void completed() {
        out.println();
        out.flush();
      }

      private void draw(int done, int total, int failed) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        out.print(
            "\r["
                + "#".repeat(filled)
                + "-".repeat(WIDTH - filled)
                + "] "
                + done
                + "/"
                + total
                + String.format(Locale.ROOT, " %3d%%", total == 0 ? 100 : done * 100 / total)
                + (failed > 0 ? "  " + failed + " failed" : ""));
        out.flush();
      }
    };
  }
}
