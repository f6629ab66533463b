package dev.gantry.store;

/** The two databases Gantry can keep its state in, chosen by the JDBC URL. */
public enum Dialect {
  /** One file in the data directory; one writer at a time, readers in parallel (WAL). */
  SQLITE,
  /** A shared server; several gateway replicas may use one database at once. */
  POSTGRESQL;

  /** The dialect a JDBC URL names, or an exception naming the accepted prefixes. */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "store.url must start with jdbc:sqlite: or jdbc:postgresql:, was "
            + jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=****"));
  }

  /** The classpath folder holding this dialect's Flyway migrations. */
  public String migrations() {
    return this == SQLITE ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql";
  }
}
