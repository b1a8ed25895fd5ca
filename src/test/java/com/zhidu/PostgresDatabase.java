package com.zhidu;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives the *IT suites a fresh database of their own on the local PostgreSQL: created new once per
 * test run, named after the checkout, so runs from different checkouts on one machine never share
 * migrations or data.
 */
public class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  public static final String NAME =
      "zhidu_it_" + Integer.toHexString(Path.of("").toAbsolutePath().toString().hashCode());

  private static boolean recreated;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    recreateOnce();
    TestPropertyValues.of("spring.datasource.url=" + SERVER + NAME).applyTo(context);
  }

  private static synchronized void recreateOnce() {
    if (!recreated) {
      recreate(NAME);
      recreated = true;
    }
  }

  /** Drops (closing any leftover connections) and creates the database. */
  public static void recreate(String database) {
    try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        var statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
      statement.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for the *IT suites: " + e.getMessage(), e);
    }
  }
}
