package com.zhidu;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Creates the integration-test database on the local PostgreSQL if it is missing. */
public class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String NAME = "zhidu_it";
  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    createIfMissing(NAME);
  }

  public static void createIfMissing(String database) {
    try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, database);
      if (!exists.executeQuery().next()) {
        connection.createStatement().execute("create database " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for the *IT suites: " + e.getMessage(), e);
    }
  }
}
