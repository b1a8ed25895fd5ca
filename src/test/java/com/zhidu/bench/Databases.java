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

  /**
   * Gathers the planner's statistics of every table, as autovacuum does on a running server. The PostgreSQL of these
   * machines runs with autovacuum off (its CI configuration), so without this a run's tables, filled during the run,
   * are planned with no statistics at all (docs/performance.md, "Fifth round").
   */
  static void analyze(String database) {
    execute(database, "analyze");
  }

  static void drop(String database) {
    execute("postgres", "drop database if exists " + database + " with (force)");
  }

  private static void execute(String database, String sql) {
    try (var connection = java.sql.DriverManager.getConnection(url(database), "postgres", "");
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Databases() {}
}
