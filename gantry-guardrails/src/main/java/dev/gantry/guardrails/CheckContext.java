package dev.gantry.guardrails;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a check may know about the request besides the text it checks: where the text comes from and
 * who asked. Checks that only read text ignore it. Immutable.
 *
 * @param phase {@code input} or {@code output}
 * @param role the role of the message the text comes from ({@code user}, {@code tool}, {@code
 *     assistant} for answers)
 * @param route the public model name the request was sent to, or ""
 * @param tenant the tenant of the caller's key, or ""
 * @param customer the end customer ({@code x-gantry-customer} or {@code user}), or ""
 * @param tags the request's tags: {@code key:value} for each entry of its {@code metadata}
 * @param metadata the request's {@code metadata} object (string values)
 * @param question the last user message, or ""
 * @param sources the texts retrieved for the request, numbered from 1 in this order
 */
public record CheckContext(
    String phase,
    String role,
    String route,
    String tenant,
    String customer,
    List<String> tags,
    Map<String, String> metadata,
    String question,
    List<String> sources) {
  /** No request known: a plain library call or a batch scan. */
  public static final CheckContext NONE =
      new CheckContext("output", "assistant", "", "", "", List.of(), Map.of(), "", List.of());

  public CheckContext {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(role, "role");
    route = route == null ? "" : route;
    tenant = tenant == null ? "" : tenant;
    customer = customer == null ? "" : customer;
    tags = List.copyOf(tags);
    metadata = Map.copyOf(metadata);
    question = question == null ? "" : question;
    sources = List.copyOf(sources);
  }

  /** The same request seen from another phase and role. */
  public CheckContext with(String phase, String role) {
    return new CheckContext(
        phase, role, route, tenant, customer, tags, metadata, question, sources);
  }
}
