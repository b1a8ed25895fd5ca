package com.zhidu.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (port 5439, data in a temporary directory), so it can be stopped
 * and started under load without touching the shared server at 5432. Uses the installed server binaries
 * ({@code /usr/lib/postgresql/<version>/bin}) as the {@code postgres} user (the test runs as root in CI, or as
 * postgres). {@link #close} stops it and deletes its directory, also from a JVM shutdown hook.
 */
final class PrivatePostgres implements AutoCloseable {

  static final int PORT = 5439;

  final Path dir;
  private final Path bin;
  private final Thread cleanup = new Thread(this::destroy);

  PrivatePostgres() {
    bin = binaries();
    try {
      dir = Files.createTempDirectory("zhidu-cluster-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(cleanup);
    if ("root".equals(System.getProperty("user.name"))) {
      run(List.of("chown", "postgres:postgres", dir.toString()));
    }
    run(asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
        "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
  }

  void start() {
    run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + PORT + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
        "start"));
  }

  /** As a crash: {@code pg_ctl stop -m immediate} (no checkpoint; open transactions are lost, WAL replays). */
  void stopImmediately() {
    run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
        "stop"));
  }

  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already
    }
  }

  private synchronized void destroy() {
    if (!Files.exists(dir)) {
      return;
    }
    if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
      try {
        stopImmediately();
      } catch (RuntimeException e) {
        // not running
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path binaries() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
          .orElseThrow(() -> new IllegalStateException("no /usr/lib/postgresql/<version>/bin/initdb"));
    } catch (IOException e) {
      throw new IllegalStateException("PostgreSQL server binaries are needed under /usr/lib/postgresql", e);
    }
  }

  private static List<String> asPostgres(String... command) {
    List<String> full = new ArrayList<>();
    String user = System.getProperty("user.name");
    if ("root".equals(user)) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    } else if (!"postgres".equals(user)) {
      throw new IllegalStateException("the private PostgreSQL runs as root (runuser) or as postgres, not as " + user);
    }
    full.addAll(List.of(command));
    return full;
  }

  private String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output + serverLog());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String serverLog() {
    try {
      return dir == null || !Files.exists(dir.resolve("server.log")) ? ""
          : "\n" + Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "";
    }
  }
}
