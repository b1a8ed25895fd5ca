package com.zhidu.bench;

import com.zhidu.PostgresDatabase;

/** The bench's own databases on the local PostgreSQL, recreated empty for every run. */
final class Databases {

  static String url(String database) {
    return PostgresDatabase.SERVER + database;
  }

  static void recreate(String database) {
    PostgresDatabase.recreate(database);
  }

  static void drop(String database) {
    try (var connection = java.sql.DriverManager.getConnection(url("postgres"), "postgres", "");
        var statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Databases() {}
}
