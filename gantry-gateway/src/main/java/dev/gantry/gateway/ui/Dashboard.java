package dev.gantry.gateway.ui;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.security.Principal;
import dev.gantry.gateway.monitoring.Monitoring;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.gateway.pipeline.Services;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.Authenticator;
import dev.gantry.gateway.security.Endpoint;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The dashboard's HTTP side, served wherever the admin API is: {@code GET /ui} (the login page, or
 * the dashboard once logged in), {@code POST /ui/login} with an operator's or admin's key, {@code
 * POST /ui/logout}, {@code GET /ui/api/dashboard?range=15m|1h|24h|7d[&tenant=T]} and the page's
 * static assets. The session cookie is HttpOnly, SameSite=Strict, Secure on TLS and expires with
 * the session; forms carry the session's CSRF token and a cross-origin POST is refused. A tenant's
 * keys see only that tenant's figures; the system tenant's see every tenant and the gateway-wide
 * panels. Shared; no per-request state.
 */
public final class Dashboard implements Handler<HttpServerRequest> {
  static final String COOKIE = "gantry_session";
  private static final Map<String, String> ASSETS =
      Map.of(
          "app.js", "text/javascript; charset=utf-8",
          "style.css", "text/css; charset=utf-8",
          "index.html", "text/html; charset=utf-8");

  private final Authenticator auth;
  private final Sessions sessions;
  private final DashboardData data;
  private final boolean tls;

  /**
   * @param auth checks keys, or null when authentication is off (then an empty key logs in as the
   *     anonymous admin)
   * @param pipeline the active stage list, printed
   * @param healthy whether a deployment (provider, model) is healthy (its breaker closed)
   */
  public Dashboard(
      Monitoring monitoring,
      Authenticator auth,
      boolean tls,
      Supplier<String> pipeline,
      BiPredicate<String, String> healthy,
      dev.gantry.core.events.EventBus events) {
    this.auth = auth;
    this.tls = tls;
    this.sessions = new Sessions(monitoring.clock(), monitoring.config().sessionTtl());
    this.data = new DashboardData(monitoring, events, pipeline, healthy);
  }

  @Override
  public void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    security(response);
    String path = request.path();
    HttpMethod method = request.method();
    Sessions.Session session = sessions.get(cookie(request));
    if ((path.equals("/ui") || path.equals("/ui/")) && method == HttpMethod.GET) {
      if (session == null) {
        html(response, 200, Pages.login(null));
      } else {
        html(response, 200, asset("index.html").replace("{{csrf}}", session.csrf()));
      }
    } else if (path.equals("/ui/login") && method == HttpMethod.POST) {
      form(request, f -> login(request, f.get("key")));
    } else if (path.equals("/ui/logout") && method == HttpMethod.POST) {
      form(
          request,
          f -> {
            if (session == null || !sameOrigin(request) || !session.csrf().equals(f.get("csrf"))) {
              html(response, 403, Pages.message("Refused", "The logout form was not valid."));
              return;
            }
            sessions.close(session.id());
            response.putHeader("set-cookie", cookie("", 0));
            response.setStatusCode(303).putHeader("location", "/ui").end();
          });
    } else if (path.equals("/ui/api/dashboard") && method == HttpMethod.GET) {
      api(request, session);
    } else if (path.startsWith("/ui/assets/") && method == HttpMethod.GET) {
      String name = path.substring("/ui/assets/".length());
      if (!ASSETS.containsKey(name) || name.equals("index.html")) {
        text(response, 404, "not found");
        return;
      }
      response
          .setStatusCode(200)
          .putHeader("content-type", ASSETS.get(name))
          .putHeader("cache-control", "no-cache")
          .end(asset(name));
    } else {
      text(response, 404, "not found");
    }
  }

  private void login(HttpServerRequest request, String key) {
    HttpServerResponse response = request.response();
    if (!sameOrigin(request)) {
      html(response, 403, Pages.login("The login form must be sent from this dashboard."));
      return;
    }
    CompletableFuture<Optional<Principal>> who =
        auth == null
            ? CompletableFuture.completedFuture(Optional.of(Principal.ANONYMOUS))
            : key == null || key.isBlank()
                ? CompletableFuture.completedFuture(Optional.empty())
                : auth.authenticate(key.strip());
    who.whenCompleteAsync(
        (principal, error) -> {
          if (error != null || principal.isEmpty()) {
            html(response, 401, Pages.login("That key is not valid."));
            return;
          }
          Principal p = principal.get();
          ApiError denied = Access.check(p, Endpoint.DASHBOARD, null, p.tenant());
          if (denied != null) {
            html(
                response, 403, Pages.login("Only operator and admin keys may open the dashboard."));
            return;
          }
          Sessions.Session s = sessions.open(p);
          response.putHeader("set-cookie", cookie(s.id(), sessions.ttl().toSeconds()));
          response.setStatusCode(303).putHeader("location", "/ui").end();
        },
        OnContext.current());
  }

  private void api(HttpServerRequest request, Sessions.Session session) {
    HttpServerResponse response = request.response();
    response.putHeader("cache-control", "no-store");
    if (session == null) {
      json(response, 401, "{\"error\":\"not logged in\"}");
      return;
    }
    DashboardData.Range range = DashboardData.Range.parse(param(request, "range", "1h"));
    if (range == null) {
      json(response, 400, "{\"error\":\"range must be one of 15m, 1h, 24h, 7d\"}");
      return;
    }
    Principal p = session.principal();
    String asked = request.getParam("tenant");
    boolean everyTenant = p.tenant().equals(Principal.SYSTEM_TENANT);
    if (asked != null && !asked.isEmpty() && !asked.equals(p.tenant()) && !everyTenant) {
      json(response, 403, "{\"error\":\"this key may not view another tenant\"}");
      return;
    }
    String tenant = asked != null && !asked.isEmpty() ? asked : everyTenant ? null : p.tenant();
    CompletableFuture.supplyAsync(() -> data.build(range, tenant), Services.shared().workers())
        .whenCompleteAsync(
            (body, error) -> {
              if (error != null) {
                json(response, 500, "{\"error\":\"the dashboard data could not be read\"}");
              } else {
                body.put("user", p.keyId());
                body.put("role", p.role().configName());
                json(response, 200, Json.toString(body));
              }
            },
            OnContext.current());
  }

  private static String param(HttpServerRequest request, String name, String fallback) {
    String v = request.getParam(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** Reads a small urlencoded form, then calls {@code then} on the event loop. */
  private static void form(
      HttpServerRequest request, java.util.function.Consumer<Map<String, String>> then) {
    request.setExpectMultipart(true);
    request.endHandler(
        v -> {
          Map<String, String> f = new java.util.HashMap<>();
          request.formAttributes().forEach(e -> f.put(e.getKey(), e.getValue()));
          then.accept(f);
        });
  }

  /**
   * A POST is accepted only from this origin: a browser that sends {@code Sec-Fetch-Site} must say
   * {@code same-origin}; else the Origin header, when sent, must name this host. (Under the pages'
   * {@code no-referrer} policy a browser sends {@code Origin: null} with forms, so Sec-Fetch-Site
   * is the signal that counts.)
   */
  static boolean sameOrigin(HttpServerRequest request) {
    String origin = request.getHeader("origin");
    String site = request.getHeader("sec-fetch-site");
    if (site != null) {
      return site.equals("same-origin") || site.equals("none");
    }
    if (origin == null) {
      return true;
    }
    String authority = request.authority() == null ? "" : request.authority().toString();
    return origin.equals(request.scheme() + "://" + authority);
  }

  private static String cookie(HttpServerRequest request) {
    io.vertx.core.http.Cookie c = request.getCookie(COOKIE);
    return c == null ? null : c.getValue();
  }

  private String cookie(String value, long maxAgeSeconds) {
    return COOKIE
        + "="
        + value
        + "; Path=/ui; HttpOnly; SameSite=Strict; Max-Age="
        + maxAgeSeconds
        + (tls ? "; Secure" : "");
  }

  private static void security(HttpServerResponse response) {
    response
        .putHeader(
            "content-security-policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        .putHeader("x-content-type-options", "nosniff")
        .putHeader("referrer-policy", "no-referrer")
        .putHeader("x-frame-options", "DENY");
  }

  private static void html(HttpServerResponse response, int status, String body) {
    response
        .setStatusCode(status)
        .putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .end(body);
  }

  private static void json(HttpServerResponse response, int status, String body) {
    response
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(body);
  }

  private static void text(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader("content-type", "text/plain").end(body);
  }

  private static final Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  static String asset(String name) {
    return CACHE.computeIfAbsent(
        name,
        n -> {
          try (InputStream in =
              Dashboard.class.getResourceAsStream("/dev/gantry/gateway/ui/" + n)) {
            if (in == null) {
              throw new IllegalStateException("missing dashboard asset " + n);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
