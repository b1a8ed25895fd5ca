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

  private Databases() {}
}
