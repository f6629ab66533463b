package dev.gantry.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of JDBC work run on a connection that {@link Db} lends and takes back. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection c) throws SQLException;
}
