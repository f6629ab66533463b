package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.security.Principal;
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.gateway.pipeline.Services;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.AdminActions;
import dev.gantry.gateway.security.AdminInput;
import dev.gantry.gateway.security.Endpoint;
import dev.gantry.gateway.security.SecurityRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The admin REST API under {@code /admin}: keys (list, create, revoke, rotate), audit records and
 * chain verification, usage, and erasure of an end customer's data. Every call is checked against
 * the caller's role and tenant ({@link Access}); store work runs on the worker pool; every change
 * is itself recorded in the audit log. Shared; no per-request state.
 */
final class AdminApi {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdminApi.class);

  private final AdminActions actions;
  private final dev.gantry.gateway.metrics.Metrics metrics;
  private final dev.gantry.gateway.monitoring.Monitoring monitoring;
  private final Supplier<ActiveConfig> active;
  private final SecurityRuntime security;

  AdminApi(
      SecurityRuntime security,
      Supplier<ActiveConfig> active,
      dev.gantry.gateway.monitoring.Monitoring monitoring) {
    this.actions = new AdminActions(security);
    this.security = security;
    this.monitoring = monitoring;
    this.metrics = monitoring == null ? null : monitoring.metrics();
    this.active = active;
  }

  void handle(Vertx vertx, ServerConfig server, HttpServerRequest request, Principal who) {
    try {
      route(vertx, server, request, who);
    } catch (AdminActions.Refused e) {
      Responses.error(request.response(), e.error());
    }
  }

  private void route(Vertx vertx, ServerConfig server, HttpServerRequest request, Principal who) {
    String path = request.path();
    HttpMethod method = request.method();
    HttpServerResponse response = request.response();
    String[] parts = path.substring(1).split("/");
    // parts[0] == "admin"
    if (parts.length == 2 && parts[1].equals("keys") && method == HttpMethod.GET) {
      String tenant = AdminInput.tenantParam(request.getParam("tenant"));
      run(response, who, Endpoint.KEYS_READ, tenant, () -> actions.listKeys(who, tenant));
    } else if (parts.length == 2 && parts[1].equals("keys") && method == HttpMethod.POST) {
      JsonBody.read(
          vertx,
          server,
          request,
          body -> {
            AdminInput.NewKey key;
            try {
              key = AdminInput.newKey(body, who.tenant());
            } catch (AdminActions.Refused e) {
              Responses.error(response, e.error());
              return;
            }
            run(
                response,
                who,
                Endpoint.KEYS_WRITE,
                key.tenant(),
                () -> actions.createKey(who, key));
          });
    } else if (parts.length == 4
        && parts[1].equals("keys")
        && (parts[3].equals("revoke") || parts[3].equals("rotate"))
        && method == HttpMethod.POST) {
      String id = parts[2];
      boolean revoke = parts[3].equals("revoke");
      run(
          response,
          who,
          Endpoint.KEYS_WRITE,
          null,
          () -> revoke ? actions.revoke(who, id) : actions.rotate(who, id));
    } else if (parts.length == 2 && parts[1].equals("audit") && method == HttpMethod.GET) {
      String tenant = AdminInput.tenantParam(request.getParam("tenant"));
      String limit = request.getParam("limit");
      String before = request.getParam("before");
      run(
          response,
          who,
          Endpoint.AUDIT_READ,
          tenant,
          () -> actions.audit(who, tenant, limit, before));
    } else if (parts.length == 3
        && parts[1].equals("audit")
        && parts[2].equals("verify")
        && method == HttpMethod.GET) {
      run(response, who, Endpoint.AUDIT_READ, Principal.SYSTEM_TENANT, () -> actions.verify());
    } else if (parts.length == 2 && parts[1].equals("metrics") && method == HttpMethod.GET) {
      ApiError denied = Access.check(who, Endpoint.METRICS_READ, null, Principal.SYSTEM_TENANT);
      if (denied != null) {
        Responses.error(response, denied);
      } else {
        response
            .setStatusCode(200)
            .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
            .end(metrics == null ? "" : metrics.render());
      }
    } else if (parts.length == 2 && parts[1].equals("deployments") && method == HttpMethod.GET) {
      ApiError denied = Access.check(who, Endpoint.METRICS_READ, null, Principal.SYSTEM_TENANT);
      if (denied != null) {
        Responses.error(response, denied);
      } else {
        Responses.json(
            response, 200, dev.gantry.gateway.routing.DeploymentsView.json(active.get().loop()));
      }
    } else if (parts.length == 2 && parts[1].equals("usage") && method == HttpMethod.GET) {
      String tenant = usageTenant(who, request.getParam("tenant"));
      dev.gantry.gateway.cost.UsageReports reports = active.get().costs().reports();
      boolean csv = "csv".equalsIgnoreCase(request.getParam("format"));
      run(
          response,
          who,
          Endpoint.USAGE_READ,
          tenant == null ? Principal.SYSTEM_TENANT : tenant,
          () -> {
            var q =
                reports.query(
                    tenant,
                    request.getParam("customer"),
                    request.getParam("group_by"),
                    request.getParam("from"),
                    request.getParam("to"));
            return csv
                ? reports.csv(q)
                : MonitoringEndpoints.withFeedback(reports.json(q), tenant, monitoring);
          });
    } else if (parts.length == 2 && parts[1].equals("alerts") && method == HttpMethod.GET) {
      // A tenant's admins and operators see the alerts labelled with their tenant; the system
      // tenant's see every alert, or one tenant's with ?tenant=.
      String tenant = usageTenant(who, request.getParam("tenant"));
      ApiError denied =
          Access.check(
              who, Endpoint.ALERTS_READ, null, tenant == null ? Principal.SYSTEM_TENANT : tenant);
      if (denied != null) {
        Responses.error(response, denied);
      } else if (monitoring == null) {
        Responses.error(response, ApiError.notFound("Alerts are not enabled."));
      } else {
        Responses.json(
            response,
            200,
            monitoring.alerts().toJson("all".equals(request.getParam("state")), tenant));
      }
    } else if (parts.length == 3
        && parts[1].equals("usage")
        && parts[2].equals("forecast")
        && method == HttpMethod.GET) {
      String tenant = usageTenant(who, request.getParam("tenant"));
      String customer = request.getParam("customer");
      boolean perCustomer = "customer".equals(request.getParam("by"));
      run(
          response,
          who,
          Endpoint.USAGE_READ,
          tenant == null ? Principal.SYSTEM_TENANT : tenant,
          () -> active.get().costs().forecasts().forecast(tenant, customer, perCustomer));
    } else if (parts.length == 3
        && parts[1].equals("cache")
        && parts[2].equals("purge")
        && method == HttpMethod.POST) {
      JsonBody.read(
          vertx,
          server,
          request,
          body -> {
            String tenant = dev.gantry.gateway.cache.CachePurgeAction.tenant(who, body);
            run(
                response,
                who,
                Endpoint.CACHE_PURGE,
                tenant == null ? Principal.SYSTEM_TENANT : tenant,
                () ->
                    dev.gantry.gateway.cache.CachePurgeAction.purge(
                        who,
                        body,
                        active.get().costs().cache(),
                        security.audit(),
                        active.get().costs().cache().clock()));
          });
    } else if (parts.length == 2 && parts[1].equals("erase") && method == HttpMethod.POST) {
      JsonBody.read(
          vertx,
          server,
          request,
          body -> {
            AdminInput.Erasure erasure;
            try {
              erasure = AdminInput.erasure(body, who.tenant());
            } catch (AdminActions.Refused e) {
              Responses.error(response, e.error());
              return;
            }
            run(response, who, Endpoint.ERASE, erasure.tenant(), () -> actions.erase(who, erasure));
          });
    } else {
      Responses.error(
          response,
          ApiError.notFound(
              "Unknown admin URL: " + method.name() + " " + RequestGuard.printable(path) + "."));
    }
  }

  /** The tenant a usage call reports on: the given one, else the caller's; null for all tenants. */
  /**
   * The tenant a usage report covers: the named one (access is checked for it), else the caller's
   * own, or null (every tenant) for the system tenant's admins and operators; developers only ever
   * see their own tenant.
   */
  private static String usageTenant(Principal who, String param) {
    String tenant = AdminInput.tenantParam(param);
    if (tenant != null) {
      return tenant;
    }
    boolean everyTenant =
        who.tenant().equals(Principal.SYSTEM_TENANT)
            && who.role() != dev.gantry.core.security.Role.DEVELOPER;
    return everyTenant ? null : who.tenant();
  }

  /**
   * Checks access, runs {@code work} on a worker and answers with its result (JSON, or a {@code
   * String} sent as CSV) or error.
   */
  private static void run(
      HttpServerResponse response,
      Principal who,
      Endpoint endpoint,
      String tenant,
      AdminActions.Work work) {
    ApiError denied = Access.check(who, endpoint, null, tenant);
    if (denied != null) {
      Responses.error(response, denied);
      return;
    }
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return work.run();
              } catch (AdminActions.Refused e) {
                return e.error();
              } catch (dev.gantry.core.api.ApiException e) {
                return e.error();
              }
            },
            Services.shared().workers())
        .whenCompleteAsync(
            (result, error) -> {
              if (error != null) {
                LOG.error("admin action on {} failed", endpoint, error);
                Responses.error(response, ApiError.internal("The admin action failed."));
              } else if (result instanceof ApiError e) {
                Responses.error(response, e);
              } else if (result instanceof String csv) {
                response
                    .setStatusCode(200)
                    .putHeader("content-type", "text/csv; charset=utf-8")
                    .end(csv);
              } else {
                JsonNode json = (JsonNode) result;
                Responses.json(
                    response, json.path("object").asText().equals("key.created") ? 201 : 200, json);
              }
            },
            OnContext.current());
  }

  static ArrayNode array() {
    return Json.MAPPER.createArrayNode();
  }

  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }
}
