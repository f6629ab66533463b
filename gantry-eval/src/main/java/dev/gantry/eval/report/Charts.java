package dev.gantry.eval.report;

import dev.gantry.eval.baseline.MetricComparison;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report. No external fonts, scripts or images; sizes in CSS pixels.
 * Stateless.
 */
final class Charts {
  private Charts() {}

  /** One horizontal bar: a label, a value in [0, 1] and the text shown after the bar. */
  record Bar(String label, double value, String text) {}

  /** Horizontal bars scaled to [0, 1]; colour goes from red (0) to green (1). */
  static String bars(List<Bar> bars) {
    int labelW = 170;
    int barW = 300;
    int rowH = 22;
    int width = labelW + barW + 110;
    int height = Math.max(rowH, bars.size() * rowH) + 4;
    StringBuilder b = svg(width, height);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = i * rowH + 2;
      double v = Math.max(0, Math.min(1, bar.value()));
      b.append(text(labelW - 8, y + 15, "end", trim(bar.label(), 26)));
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" class=\"track\"/>",
              labelW,
              y + 2,
              barW));
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>%s</title></rect>",
              labelW,
              y + 2,
              v * barW,
              colour(v),
              Xml.escape(bar.label() + ": " + bar.text())));
      b.append(text(labelW + barW + 8, y + 15, "start", bar.text()));
    }
    return b.append("</svg>").toString();
  }

  /** A ring showing passed, failed and errored cases. */
  static String ring(int passed, int failed, int errors) {
    int total = Math.max(1, passed + failed + errors);
    double r = 52;
    double c = 2 * Math.PI * r;
    StringBuilder b = svg(150, 150);
    double offset = 0;
    int[] counts = {passed, failed - errors, errors};
    String[] classes = {"ok", "bad", "err"};
    b.append(
        "<circle cx=\"75\" cy=\"75\" r=\"52\" fill=\"none\" stroke-width=\"18\" class=\"track-stroke\"/>");
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] <= 0) {
        continue;
      }
      double len = c * counts[i] / total;
      b.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"75\" cy=\"75\" r=\"52\" fill=\"none\" stroke-width=\"18\" class=\"%s-stroke\""
                  + " stroke-dasharray=\"%.2f %.2f\" stroke-dashoffset=\"%.2f\""
                  + " transform=\"rotate(-90 75 75)\"/>",
              classes[i],
              len,
              c - len,
              -offset));
      offset += len;
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"75\" y=\"72\" text-anchor=\"middle\" class=\"big\">%.0f%%</text>"
                + "<text x=\"75\" y=\"92\" text-anchor=\"middle\">%d of %d</text>",
            100.0 * passed / total,
            passed,
            passed + failed));
    return b.append("</svg>").toString();
  }

  /** A histogram of latencies in milliseconds, 12 equal-width bins from 0 to the maximum. */
  static String histogram(List<Long> latencies) {
    int width = 480;
    int height = 170;
    int bins = 12;
    int left = 40;
    int bottom = 140;
    StringBuilder b = svg(width, height);
    if (latencies.isEmpty()) {
      b.append(text(width / 2, 80, "middle", "no answered cases"));
      return b.append("</svg>").toString();
    }
    long max = 1;
    for (long l : latencies) {
      max = Math.max(max, l);
    }
    long binW = Math.max(1, (max + bins) / bins);
    int[] counts = new int[bins];
    for (long l : latencies) {
      counts[(int) Math.min(bins - 1, l / binW)]++;
    }
    int top = 1;
    for (int c : counts) {
      top = Math.max(top, c);
    }
    double colW = (width - left - 10) / (double) bins;
    for (int i = 0; i < bins; i++) {
      double h = (bottom - 10) * counts[i] / (double) top;
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"ok\"><title>%d–%d ms: %d</title></rect>",
              left + i * colW + 1,
              bottom - h,
              colW - 2,
              h,
              i * binW,
              (i + 1) * binW,
              counts[i]));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>",
            left,
            bottom,
            width - 10,
            bottom));
    b.append(text(left, bottom + 16, "start", "0"));
    b.append(text(width - 10, bottom + 16, "end", (binW * bins) + " ms"));
    b.append(text(left - 6, 20, "end", String.valueOf(top)));
    return b.append("</svg>").toString();
  }

  /**
   * Deltas with their intervals, one row per metric, each on its own symmetric scale around 0; red
   * when significantly worse, green when significantly better.
   */
  static String forest(List<MetricComparison> metrics) {
    int labelW = 190;
    int plotW = 260;
    int rowH = 24;
    int width = labelW + plotW + 200;
    int height = metrics.size() * rowH + 8;
    StringBuilder b = svg(width, height);
    int mid = labelW + plotW / 2;
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>",
            mid,
            mid,
            height));
    for (int i = 0; i < metrics.size(); i++) {
      MetricComparison m = metrics.get(i);
      int y = i * rowH + 14;
      double span =
          Math.max(
              1e-9,
              Math.max(
                  Math.abs(m.delta().low()),
                  Math.max(Math.abs(m.delta().high()), Math.abs(m.delta().estimate()))));
      double scale = (plotW / 2.0 - 6) / span;
      String cls =
          m.significantRegression() ? "bad" : m.significantImprovement() ? "ok" : "neutral";
      b.append(text(labelW - 8, y + 4, "end", trim(m.name(), 30)));
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"%s-stroke\" stroke-width=\"3\"/>",
              mid + m.delta().low() * scale,
              y,
              mid + m.delta().high() * scale,
              y,
              cls));
      b.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" class=\"%s\"><title>%s</title></circle>",
              mid + m.delta().estimate() * scale,
              y,
              cls,
              Xml.escape(m.name())));
      b.append(
          text(
              labelW + plotW + 8,
              y + 4,
              "start",
              String.format(
                  Locale.ROOT,
                  "%+.3f [%+.3f, %+.3f]",
                  m.delta().estimate(),
                  m.delta().low(),
                  m.delta().high())));
    }
    return b.append("</svg>").toString();
  }

  private static StringBuilder svg(int width, int height) {
    return new StringBuilder()
        .append("<svg role=\"img\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\">");
  }

  private static String text(double x, double y, String anchor, String s) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        x,
        y,
        anchor,
        Xml.escape(s));
  }

  private static String trim(String s, int max) {
    return s.length() > max ? s.substring(0, max - 1) + "…" : s;
  }

  /** Red to amber to green for [0, 1]. */
  static String colour(double v) {
    double hue = 120 * Math.max(0, Math.min(1, v));
    return String.format(Locale.ROOT, "hsl(%.0f, 62%%, 44%%)", hue);
  }
}
