package com.zhidu.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements and commits that go through a DataSource, so a run can report SQL statements per
 * case beside CPU per case: both stay comparable on a shared, noisy machine where throughput does not. A
 * statement is one execute call (a JDBC batch counts once: it is one round trip).
 */
final class SqlCounter {

  private static final LongAdder STATEMENTS = new LongAdder();
  private static final LongAdder COMMITS = new LongAdder();
  /**
   * Executions per statement text, to see which statements a case costs. Keyed by the text as sent (whitespace is
   * collapsed when printing): the counter runs inside the measured JVM, so it must cost little per statement.
   */
  private static final Map<String, LongAdder> BY_TEXT = new ConcurrentHashMap<>();

  static void resetTexts() {
    BY_TEXT.clear();
  }

  /** The most executed statements since {@link #resetTexts}, per case. */
  static void printTop(int limit, int cases) {
    System.out.println("  most executed SQL statements (per case):");
    Map<String, Long> collapsed = new HashMap<>();
    BY_TEXT.forEach((text, count) -> collapsed.merge(text.replaceAll("\\s+", " ").trim(), count.sum(), Long::sum));
    collapsed.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
        .forEach(e -> System.out.printf(Locale.ROOT, "    %6.2f  %s%n", (double) e.getValue() / cases,
            e.getKey().length() > 150 ? e.getKey().substring(0, 150) + "…" : e.getKey()));
  }

  record Reading(long statements, long commits) {
    Reading minus(Reading earlier) {
      return new Reading(statements - earlier.statements, commits - earlier.commits);
    }
  }

  static Reading read() {
    return new Reading(STATEMENTS.sum(), COMMITS.sum());
  }

  /** Wraps every DataSource bean of a Spring context (Zhidu's, and through it the engine's). */
  static BeanPostProcessor postProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass()) ? counting(dataSource)
            : bean;
      }
    };
  }

  static DataSource counting(DataSource target) {
    return proxy(DataSource.class, target, (proxy, method, args) -> {
      Object result = call(target, method, args);
      return result instanceof Connection connection ? connection(connection) : result;
    });
  }

  private static Connection connection(Connection target) {
    return proxy(Connection.class, target, (proxy, method, args) -> {
      Object result = call(target, method, args);
      if ("commit".equals(method.getName())) {
        COMMITS.increment();
      }
      String text = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
      if (result instanceof CallableStatement s) {
        return statement(CallableStatement.class, s, text);
      } else if (result instanceof PreparedStatement s) {
        return statement(PreparedStatement.class, s, text);
      } else if (result instanceof Statement s) {
        return statement(Statement.class, s, null);
      }
      return result;
    });
  }

  private static <T extends Statement> T statement(Class<T> type, T target, String prepared) {
    return proxy(type, target, (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        STATEMENTS.increment();
        String text = prepared != null ? prepared : args != null && args.length > 0 && args[0] instanceof String sql
            ? sql : "?";
        BY_TEXT.computeIfAbsent(text, t -> new LongAdder()).increment();
      }
      return call(target, method, args);
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      // unwrap/isWrapperFor reach the real object (Spring and Hikari look for their own types this way).
      if ("equals".equals(method.getName()) && args != null && args.length == 1) {
        return proxy == args[0];
      }
      if ("hashCode".equals(method.getName()) && (args == null || args.length == 0)) {
        return System.identityHashCode(proxy);
      }
      return handler.invoke(proxy, method, args);
    });
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private SqlCounter() {}
}
