package com.zhidu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * With {@code -Dbench.profile=true}, records a run with Java Flight Recorder (the JDK's "profile" settings) into
 * target/bench/&lt;run&gt;.jfr and prints where the CPU samples went: by layer (driver, MyBatis, engine, Zhidu's
 * mechanisms, REST, …), by Zhidu class, and the top frames by own time. Open the file with JDK Mission Control or {@code jfr print --events jdk.ExecutionSample} for more.
 */
final class Profiler {

  static boolean enabled() {
    return Boolean.getBoolean("bench.profile");
  }

  /**
   * Starts and stops a recording once, before anything is warmed up: the first recording of a JVM makes it throw
   * away its compiled code (with {@code -XX:+PrintCompilation}: ~12,000 methods "made not entrant" at once), so a
   * measured run that started the first recording was profiled while the JIT compiled everything again.
   */
  static void prime() {
    if (!enabled()) {
      return;
    }
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      recording.stop();
    } catch (java.io.IOException | java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one measured run; prints its most executed SQL statements, and its profile when enabled. */
  static Result record(String run, Callable<Result> body) throws Exception {
    SqlCounter.resetTexts();
    if (!enabled()) {
      Result result = body.call();
      SqlCounter.printTop(Integer.getInteger("bench.sqlTop", 25), result.cases());
      return result;
    }
    Path file = Path.of("target", "bench", run.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT) + ".jfr");
    Files.createDirectories(file.getParent());
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      Result result = body.call();
      recording.stop();
      recording.dump(file);
      summarise(run, file);
      SqlCounter.printTop(Integer.getInteger("bench.sqlTop", 25), result.cases());
      return result;
    }
  }

  /**
   * Layers, each a list of class-name prefixes: a sample belongs to the first layer met walking its stack from
   * the top (the running method) down, so the shares add up to 100 %: "PostgreSQL JDBC driver" is time spent in
   * the driver itself, whoever called it.
   */
  private static final List<Map.Entry<String, List<String>>> LAYERS = List.of(
      Map.entry("PostgreSQL JDBC driver", List.of("org.postgresql.")),
      Map.entry("bench's SQL counter", List.of("com.zhidu.bench.SqlCounter")),
      Map.entry("Hikari pool", List.of("com.zaxxer.hikari.")),
      Map.entry("password hashing", List.of("org.camunda.bpm.engine.impl.digest.", "sun.security.provider.")),
      Map.entry("MyBatis (engine SQL mapping)", List.of("org.apache.ibatis.")),
      Map.entry("Spring JDBC (JdbcTemplate)", List.of("org.springframework.jdbc.")),
      Map.entry("Zhidu audit trail", List.of("com.zhidu.audit.")),
      Map.entry("Zhidu forms", List.of("com.zhidu.platform.forms.FormSchema", "com.zhidu.platform.forms.FormValues",
          "com.zhidu.platform.forms.DeployedForms", "com.zhidu.platform.forms.FormCompletionCheck")),
      Map.entry("Zhidu other", List.of("com.zhidu.platform.Task", "com.zhidu.platform.Case",
          "com.zhidu.platform.approval.", "com.zhidu.platform.deadlines.", "com.zhidu.platform.notification.",
          "com.zhidu.platform.EngineMechanisms", "com.zhidu.platform.FourEyes", "com.zhidu.organization.")),
      Map.entry("engine (other)", List.of("org.camunda.bpm.engine.impl.", "org.camunda.bpm.model.",
          "org.camunda.bpm.impl.juel.", "org.camunda.bpm.dmn.")),
      Map.entry("REST: Jersey/Jackson/engine-rest", List.of("org.glassfish.", "com.fasterxml.jackson.",
          "org.camunda.bpm.engine.rest.")),
      Map.entry("Tomcat/Spring web", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
          "org.springframework.web.")),
      Map.entry("bench driver (client side)", List.of("com.zhidu.bench.", "jdk.internal.net.http.", "java.net.http.")));

  static void summarise(String run, Path file) throws Exception {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> layers = new HashMap<>();
    Map<String, Integer> zhidu = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      self.merge(name(frames.get(0)), 1, Integer::sum);
      String layer = "other (JDK, Spring, …)";
      find:
      for (RecordedFrame frame : frames) {
        String type = frame.getMethod().getType().getName();
        for (Map.Entry<String, List<String>> l : LAYERS) {
          if (l.getValue().stream().anyMatch(type::startsWith)) {
            layer = l.getKey();
            break find;
          }
        }
      }
      layers.merge(layer, 1, Integer::sum);
      // The innermost Zhidu method on the stack, skipping the servlet filters that only wrap the request.
      for (RecordedFrame frame : frames) {
        String method = name(frame);
        if (method.startsWith("com.zhidu.") && !method.startsWith("com.zhidu.bench.") && !method.contains("doFilter")) {
          zhidu.merge(frame.getMethod().getType().getName(), 1, Integer::sum);
          break;
        }
      }
    }
    int total = Math.max(samples, 1);
    System.out.printf(Locale.ROOT, "%nProfile of '%s': %d CPU samples (%s)%n  by layer (first met from the top of"
        + " the stack):%n", run, samples, file);
    layers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> System.out.printf(Locale.ROOT, "    %-40s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / total));
    System.out.println("  under Zhidu's code (innermost Zhidu class on the stack, inclusive of what it calls):");
    zhidu.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
        .forEach(e -> System.out.printf(Locale.ROOT, "    %-60s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / total));
    System.out.println("  top frames by own time:");
    self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
        .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private Profiler() {}
}
