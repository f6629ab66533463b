package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, found
 * on the PATH): log in, watch figures move with real traffic, open every panel and range without a
 * console error, refuse bad keys and another tenant's view, log out. Screenshots of each panel go
 * to {@code target/ui-screenshots/}.
 */
class DashboardBrowserTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-dashboard-tests-0123";
  static final List<String> PANELS =
      List.of(
          "overview",
          "latency",
          "cost",
          "guardrails",
          "upstreams",
          "alerts",
          "quality",
          "pipeline");
  static final Path SHOTS = Path.of("target", "ui-screenshots");

  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static ChromeDriver browser;
  static Path profile;

  @BeforeAll
  static void start() throws IOException {
    sim = GantryTestKit.simulator();
    String yaml =
        "server:\n  port: 0\n"
            + "providers:\n  sim:\n    type: openai_compatible\n    base_url: ${SIM_URL}/v1\n"
            + "routes:\n"
            + "  ask:\n    deployments: [{provider: sim, model: ask}]\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " server-secret-for-tests-0123456789abcdef}\n"
            + "admin: {on_public_listener: true}\n"
            + "monitoring:\n"
            + "  slos:\n    ask: {availability: 99.5}\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    http = new HttpTestClient(gateway.baseUrl());
    Files.createDirectories(SHOTS);
    profile = Files.createTempDirectory("gantry-chromium");
    browser = HeadlessChromium.start(profile);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    gateway.close();
    sim.close();
  }

  @BeforeEach
  void fresh() {
    browser.get(gateway.baseUrl() + "/ui");
    browser.manage().deleteAllCookies();
    browser.get(gateway.baseUrl() + "/ui");
    browser.manage().logs().get(LogType.BROWSER); // drop what came before
  }

  static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  static void logIn(String key) {
    browser.findElement(By.id("key")).sendKeys(key);
    browser.findElement(By.id("login")).click();
  }

  /** Waits for the login page that the form's answer replaces the current one with. */
  static void problemSays(String text) {
    waiting()
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                d.findElements(By.id("problem")).stream()
                    .anyMatch(e -> e.getText().contains(text)));
  }

  static void loaded(String range) {
    // the page may be replaced (after logging in) between finding the body and reading it
    waiting()
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> range.equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
  }

  static String tile(String name) {
    return browser.findElement(By.cssSelector("#tile-" + name + " .v")).getText();
  }

  static String key(String tenant, String role) throws Exception {
    return Keys.create(http, ADMIN, tenant, role);
  }

  static void chat(String key, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(
              http.postJson(
                      "/v1/chat/completions",
                      "{\"model\":\"ask\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                      "authorization",
                      "Bearer " + key)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  static List<String> consoleErrors() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  static void screenshot(String name) throws IOException {
    java.io.File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void an_admin_logs_in_watches_the_figures_move_and_opens_every_panel_and_range()
      throws Exception {
    String app = key("system", "app");
    logIn(ADMIN);
    loaded("1h");
    long before = Long.parseLong(tile("requests"));
    chat(app, 5);
    browser.findElement(By.id("refresh")).click();
    waiting().until(d -> Long.parseLong(tile("requests")) == before + 5);
    assertThat(tile("errors")).isEqualTo("0.00 %");
    for (String range : List.of("15m", "24h", "7d", "1h")) {
      browser.findElement(By.cssSelector("#ranges button[data-range='" + range + "']")).click();
      loaded(range);
    }
    for (String panel : PANELS) {
      browser.findElement(By.cssSelector("#tabs button[data-panel='" + panel + "']")).click();
      assertThat(browser.findElement(By.id(panel)).isDisplayed()).as(panel).isTrue();
      screenshot(panel);
    }
    assertThat(browser.findElement(By.id("stages")).getText()).contains("invoke");
    assertThat(browser.findElement(By.id("slo-table")).getAttribute("textContent"))
        .contains("ask")
        .contains("availability");
    assertThat(browser.findElement(By.id("upstream-table")).getAttribute("textContent"))
        .contains("sim/ask");
    assertThat(consoleErrors()).isEmpty();

    browser.findElement(By.id("logout")).click();
    waiting().until(d -> !d.findElements(By.id("key")).isEmpty());
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "var done = arguments[0];"
                    + "fetch('/ui/api/dashboard').then(function (r) { done(r.status); });");
    assertThat(((Number) status).intValue()).isEqualTo(401);
  }

  @Test
  void a_wrong_key_and_an_app_key_are_refused() throws Exception {
    logIn("not-a-key");
    problemSays("not valid");
    logIn(key("acme", "app"));
    problemSays("Only operator and admin keys");
    assertThat(browser.manage().getCookieNamed("gantry_session")).isNull();
    screenshot("login-refused");
  }

  @Test
  void a_tenant_operator_sees_only_their_tenant() throws Exception {
    String operator = key("acme", "operator");
    chat(key("acme", "app"), 2);
    chat(key("globex", "app"), 3);
    logIn(operator);
    loaded("1h");
    assertThat(browser.findElement(By.id("who")).getText()).contains("acme");
    assertThat(tile("requests")).isEqualTo("2");
    assertThat(consoleErrors()).isEmpty();
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "var done = arguments[0];"
                    + "fetch('/ui/api/dashboard?tenant=globex').then(function (r) {"
                    + " done(r.status); });");
    assertThat(((Number) status).intValue()).isEqualTo(403);
    assertThat(browser.manage().getCookieNamed("gantry_session").isHttpOnly()).isTrue();
  }
}
