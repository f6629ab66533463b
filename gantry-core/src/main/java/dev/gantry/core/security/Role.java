package dev.gantry.core.security;

import java.util.Locale;

/** What a key may do. */
public enum Role {
  /** Everything in its tenant, key management included (in the system tenant: every tenant). */
  ADMIN,
  /** Read usage, audit records and metrics of its tenant; no key management, no model calls. */
  OPERATOR,
  /** Call models and read its tenant's usage. */
  DEVELOPER,
  /** Call models only. */
  APP;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role with this name (any case), or null. */
  public static Role parse(String name) {
    for (Role r : values()) {
      if (r.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return r;
      }
    }
    return null;
  }
}
