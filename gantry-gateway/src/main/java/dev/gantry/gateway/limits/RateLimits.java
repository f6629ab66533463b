package dev.gantry.gateway.limits;

import dev.gantry.core.config.LimitsConfig;
import dev.gantry.core.config.RateLimit;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.security.KeyLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rate limits apply to a request, each bound to its subject: the configured ones — for the
 * key, the tenant, the end customer (within its tenant; a request without one is not
 * customer-limited), the route, or everything ({@code global}) — and the limits stored on the
 * caller's own key ({@code gantry keys create --rpm --tpm --concurrency}), counted apart from the
 * configured key limits. Stateless.
 */
final class RateLimits {
  private RateLimits() {}

  static List<RateKey> applicable(LimitsConfig config, Exchange exchange) {
    List<RateKey> out = new ArrayList<>(config.rate().size());
    for (RateLimit l : config.rate()) {
      String subject = subject(l, exchange);
      if (subject == null) {
        continue;
      }
      String matched = l.scope() == RateLimit.Scope.CUSTOMER ? exchange.customer() : subject;
      if (l.match() != null && !l.match().equals(matched)) {
        continue;
      }
      out.add(
          new RateKey(
              "rate:"
                  + l.scope().configName()
                  + ":"
                  + subject
                  + ":"
                  + l.rpm()
                  + "/"
                  + l.tpm()
                  + "/"
                  + l.concurrency(),
              l,
              subject));
    }
    KeyLimits own = exchange.principal().limits();
    if (!own.isNone()) {
      String keyId = exchange.principal().keyId();
      out.add(
          new RateKey(
              "rate:key-own:" + keyId + ":" + own.rpm() + "/" + own.tpm() + "/" + own.concurrency(),
              new RateLimit(RateLimit.Scope.KEY, keyId, own.rpm(), own.tpm(), own.concurrency()),
              keyId));
    }
    return out;
  }

  private static String subject(RateLimit l, Exchange exchange) {
    switch (l.scope()) {
      case GLOBAL:
        return "*";
      case TENANT:
        return exchange.principal().tenant();
      case KEY:
        return exchange.principal().keyId();
      case CUSTOMER:
        return exchange.customer() == null
            ? null
            : exchange.principal().tenant() + "/" + exchange.customer();
      case ROUTE:
        return exchange.route() == null ? null : exchange.route().name();
      default:
        throw new IllegalStateException(l.scope().name());
    }
  }
}
