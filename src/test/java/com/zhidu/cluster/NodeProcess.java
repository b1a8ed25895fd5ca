package com.zhidu.cluster;

import com.zhidu.DemoRest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Zhidu node as production runs it: a separate {@code java -jar} process of the repackaged jar under
 * {@code target/} (failsafe runs after package), profile postgres, job executor on, with a short job lock time
 * so that a dead node's jobs are taken over in seconds. Its output goes to {@code target/cluster-logs/}.
 * Every started node is killed when the test JVM ends, also when a test fails.
 */
final class NodeProcess implements AutoCloseable {

  /** How long a job stays locked by the node that acquired it (production default: 5 minutes). */
  static final int LOCK_TIME_MILLIS = 15_000;

  private static final Set<NodeProcess> STARTED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(NodeProcess::kill)));
  }

  final String name;
  final int port;
  final Path log;
  private final List<String> command = new ArrayList<>();
  private Process process;

  NodeProcess(String name, int port, String jdbcUrl, String... extraArguments) {
    this.name = name;
    this.port = port;
    this.log = Path.of("target", "cluster-logs", name + "-" + port + ".log");
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
        "-jar", jar().toString(),
        "--spring.profiles.active=postgres",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        // A node whose database is gone fails calls within seconds instead of waiting 30 s for a connection.
        "--spring.datasource.hikari.connection-timeout=3000",
        "--server.port=" + port,
        "--zhidu.demo=true",
        "--zhidu.node-name=" + name,
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
        "--camunda.bpm.job-execution.max-wait=1000",
        "--camunda.bpm.job-execution.wait-time-in-millis=500",
        "--zhidu.notification.send-period=PT1S",
        "--zhidu.notification.retry-backoff=PT1S",
        "--zhidu.notification.max-retry-backoff=PT2S",
        "--zhidu.notification.lease=PT10S",
        "--logging.level.root=INFO"));
    command.addAll(List.of(extraArguments));
  }

  /** The repackaged (executable) jar: failsafe runs after package. */
  static Path jar() {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("zhidu-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/zhidu-*.jar: run ./mvnw verify (package first)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  NodeProcess start() {
    try (ServerSocket probe = new ServerSocket(port)) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " is taken (a node left over from an earlier run?)", e);
    }
    try {
      Files.createDirectories(log.getParent());
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    STARTED.add(this);
    return this;
  }

  /** Waits until the node answers REST as the demo administrator. */
  NodeProcess awaitUp() {
    DemoRest rest = new DemoRest(base(), Duration.ofSeconds(5));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited (" + process.exitValue() + "): " + tail());
      }
      if (rest.get("demo", "/engine-rest/engine").status() == 200) { // 0 while it is not listening yet
        return this;
      }
      sleep(500);
    }
    throw new IllegalStateException(name + " did not come up in 180 s: " + tail());
  }

  /**
   * Its REST API as employees call it. A call unanswered in 30 s counts as failed (status 0), as a call to a
   * dead node does, and the load drivers repeat it.
   */
  DemoRest rest() {
    return new DemoRest(base(), Duration.ofSeconds(30));
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** kill -9: no shutdown hook, no unlocking of jobs, open transactions cut off. */
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    STARTED.remove(this);
  }

  @Override
  public void close() {
    kill();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
