package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.metrics.Rollups;
import dev.gantry.sim.Simulator;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Benchmark, not a test (its name keeps it out of the default run): a gateway whose rollups hold
 * seven days of traffic (a million requests, 20 tenant × route series, published as the requests'
 * own events while the injected clock walks the week minute by minute), then the dashboard opened
 * cold in headless Chromium on the 7-day range, repeatedly. Records the navigation timing (HTML
 * received, DOM ready, load), the first contentful paint, and when the figures were first drawn
 * (the page's {@code gantry-rendered-7d} mark, after its data request), plus the rollups' size. The
 * machine's load average is written with the figures. Run:
 *
 * <pre>
 * mvn -B -o test -pl gantry-testkit -am -Dtest=DashboardRenderReport -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Output: {@code gantry-testkit/target/dashboard-render.txt}.
 */
class DashboardRenderReport {
  static final String ADMIN = "bootstrap-admin-key-for-dashboard-bench-0123";
  static final int REQUESTS = Integer.getInteger("requests", 1_000_000);
  static final int RUNS = Integer.getInteger("runs", 10);
  static final int MINUTES = 7 * 24 * 60;

  @Test
  void time_to_first_render_of_seven_days_and_the_rollups_footprint() throws Exception {
    List<String> out = new ArrayList<>();
    out.add("load average before: " + load());
    ManualTime time = new ManualTime(Instant.parse("2026-03-01T00:00:00Z"));
    EventBus events = new EventBus();
    try (Simulator sim = GantryTestKit.simulator();
        Gateway gateway =
            Gateway.start(
                GantryTestKit.config(
                    "server:\n  port: 0\n"
                        + "providers:\n  sim:\n    type: openai_compatible\n"
                        + "    base_url: ${SIM_URL}/v1\n"
                        + "routes:\n"
                        + "  ask:\n    deployments: [{provider: sim, model: ask}]\n"
                        + "auth: {required: true, cache_ttl: 0s, server_secret:"
                        + " server-secret-for-bench-0123456789abcdef}\n"
                        + "admin: {on_public_listener: true}\n"
                        + "monitoring:\n  slos:\n    ask: {availability: 99.5}\n",
                    sim),
                GantryTestKit.options()
                    .withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN))
                    .withTime(time)
                    .withEvents(events))) {
      Rollups rollups = gateway.monitoring().rollups();
      long heapBefore = usedHeap();
      long filling = System.nanoTime();
      fill(events, time);
      out.add(
          String.format(
              Locale.ROOT,
              "filled %,d requests over 7 days (%d series) in %.1f s",
              REQUESTS,
              rollups.keys().size(),
              (System.nanoTime() - filling) / 1e9));
      long heapAfter = usedHeap();
      out.add(
          String.format(
              Locale.ROOT,
              "rollups: %.1f MB (Rollups.approximateBytes); heap used grew by %.1f MB after GC",
              rollups.approximateBytes() / 1e6,
              (heapAfter - heapBefore) / 1e6));

      Path profile = Files.createTempDirectory("gantry-chromium-bench");
      ChromeDriver browser = HeadlessChromium.start(profile);
      try {
        browser.get(gateway.baseUrl() + "/ui");
        browser.findElement(By.id("key")).sendKeys(ADMIN);
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(d -> "1h".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        out.add(
            "run  html_ms  dom_ready_ms  load_ms  first_paint_ms  data_request_ms  rendered_ms");
        List<Double> rendered = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
          browser.get("about:blank");
          browser.get(gateway.baseUrl() + "/ui#7d");
          new WebDriverWait(browser, Duration.ofSeconds(60))
              .until(
                  d -> "7d".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
          Map<?, ?> t = timing(browser);
          String row =
              String.format(
                  Locale.ROOT,
                  "%3s  %7.1f  %12.1f  %7.1f  %14.1f  %15.1f  %11.1f",
                  run == 0 ? "w" : Integer.toString(run),
                  num(t.get("html")),
                  num(t.get("dom")),
                  num(t.get("load")),
                  num(t.get("paint")),
                  num(t.get("data")),
                  num(t.get("rendered")));
          out.add(row);
          if (run > 0) {
            rendered.add(num(t.get("rendered")));
          }
        }
        rendered.sort(Double::compare);
        out.add(
            String.format(
                Locale.ROOT,
                "rendered (figures drawn, 7-day range): median %.1f ms, max %.1f ms over %d cold"
                    + " loads (run w = warm-up, not counted)",
                rendered.get(rendered.size() / 2),
                rendered.get(rendered.size() - 1),
                rendered.size()));
        assertThat(rendered.get(rendered.size() / 2)).isPositive();
      } finally {
        browser.quit();
      }
    }
    out.add("load average after: " + load());
    out.add(
        "cores: "
            + Runtime.getRuntime().availableProcessors()
            + ", java "
            + System.getProperty("java.version"));
    Path file = Path.of("target", "dashboard-render.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, out, StandardCharsets.UTF_8);
    out.forEach(System.out::println);
  }

  /** The page's timing, in milliseconds from the start of the navigation. */
  private static Map<?, ?> timing(ChromeDriver browser) {
    return (Map<?, ?>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "var n = performance.getEntriesByType('navigation')[0];"
                    + "var p = performance.getEntriesByName('first-contentful-paint')[0];"
                    + "var r = performance.getEntriesByName('gantry-rendered-7d')[0];"
                    + "var q = performance.getEntriesByType('resource').filter(function (e) {"
                    + "  return e.name.indexOf('/ui/api/dashboard?range=7d') >= 0; })[0];"
                    + "return {html: n.responseEnd, dom: n.domContentLoadedEventEnd,"
                    + " load: n.loadEventEnd, paint: p ? p.startTime : -1,"
                    + " data: q ? q.responseEnd - q.startTime : -1, rendered: r ? r.startTime : -1};");
  }

  /**
   * A million requests' completions spread over seven days, on the injected clock: the workload of
   * {@code RollupsFootprintTest} (gantry-gateway), repeated here so that the two figures compare.
   */
  private static void fill(EventBus events, ManualTime time) {
    String[] routes = {"ask", "chat", "search", "summarise", "extract"};
    String[] tenants = {"acme", "globex", "initech", "umbrella"};
    int perMinute = REQUESTS / MINUTES + 1;
    int sent = 0;
    for (int m = 0; m < MINUTES && sent < REQUESTS; m++) {
      for (int i = 0; i < perMinute && sent < REQUESTS; i++, sent++) {
        events.publish(
            new RequestCompleted(
                "r" + sent,
                "chat",
                routes[sent % routes.length],
                "sim",
                "m",
                sent % 50 == 0 ? 502 : 200,
                1,
                sent % 2 == 0,
                (5 + sent % 400) * 1_000_000L,
                (4 + sent % 400) * 1_000_000L,
                tenants[sent % tenants.length],
                null,
                sent % 50 == 0 ? "upstream_error" : null,
                sent % 2 == 0 ? 3_000_000L : -1,
                40,
                60,
                null));
      }
      time.advance(Duration.ofMinutes(1));
    }
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /** The 1-minute load average (and the 5- and 15-minute ones where the OS tells them). */
  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return String.format(
          Locale.ROOT,
          "%.2f (1 min)",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
