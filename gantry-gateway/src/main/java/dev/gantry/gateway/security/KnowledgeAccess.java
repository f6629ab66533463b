package dev.gantry.gateway.security;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.KnowledgeBaseConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.security.Principal;

/**
 * Who may read a knowledge base: keys of a tenant its {@code tenants} list names (every tenant when
 * it has none; the {@code system} tenant always), and a key limited to routes only through one of
 * those routes. Applies to {@code /v1/retrieve} by {@code kb} or {@code model} and to chat on a
 * route with {@code rag}. With authentication off every caller may. Stateless.
 */
public final class KnowledgeAccess {
  private KnowledgeAccess() {}

  /** Whether {@code who} may read the configured base {@code kb} directly (by its name). */
  public static boolean mayRead(Principal who, String kb, GantryConfig config) {
    KnowledgeBaseConfig base = config.knowledgeBases().get(kb);
    if (base == null) {
      return false;
    }
    if (who.equals(Principal.ANONYMOUS)) {
      return true;
    }
    if (!base.readableBy(who.tenant())) {
      return false;
    }
    if (who.routes().isEmpty()) {
      return true;
    }
    for (String route : who.routes()) {
      RouteConfig r = config.routes().get(route);
      if (r != null && r.rag() != null && r.rag().kb().equals(kb)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The 403 to send when {@code route} retrieves from a base that {@code who}'s tenant may not
   * read, else null (also for routes without retrieval). The route itself is checked by {@link
   * Access}.
   */
  public static ApiError checkRoute(Principal who, RouteConfig route, GantryConfig config) {
    if (route == null || route.rag() == null || who.equals(Principal.ANONYMOUS)) {
      return null;
    }
    KnowledgeBaseConfig base = config.knowledgeBases().get(route.rag().kb());
    if (base == null || base.readableBy(who.tenant())) {
      return null;
    }
    return ApiError.forbidden(
        "This key may not call the model '"
            + route.name()
            + "': its knowledge base is not shared with the key's tenant.");
  }
}
