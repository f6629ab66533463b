package dev.gantry.store.keys;

/**
 * What a key may do. The gateway's RBAC decides what each role may call; the store only records it.
 */
public enum Role {
  /** Everything, across tenants: keys, configuration, audit, erasure. */
  ADMIN,
  /** Runs the service for a tenant: reads audit and usage, manages its keys. */
  OPERATOR,
  /** Builds against the gateway: model calls, evaluations, reads its own usage. */
  DEVELOPER,
  /** An application in production: model calls only. */
  APP
}
