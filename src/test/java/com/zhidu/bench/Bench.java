package com.zhidu.bench;

import com.zhidu.DemoRest;
import com.zhidu.audit.conformance.CaseVerdicts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * Zhidu's load driver (docs/performance.md): measures the bare Camunda engine and Zhidu on the same
 * PostgreSQL with the same BPMN, then Zhidu through its authenticated REST API with a mixed workload of
 * the real procedures, and prints throughput, latency percentiles, errors and CPU per case with the
 * ratios the targets are stated in. Writes target/bench/results.csv. Run with {@code ./mvnw -Pbench
 * process-test-classes} (options as -Dbench.*, see {@link Options}). A tool, not a test: nothing here
 * runs in the test suite.
 */
public final class Bench {

  /** Options, from system properties. */
  record Options(int cases, int warmup, int threads, int users, double invalidRate, String mix, Set<String> runs,
      int thinkMillis, int rounds) {
    static Options fromSystemProperties() {
      return new Options(Integer.getInteger("bench.cases", 300), Integer.getInteger("bench.warmup", 2000),
          Integer.getInteger("bench.threads", 4), Integer.getInteger("bench.users", 16),
          Double.parseDouble(System.getProperty("bench.invalidRate", "0.1")),
          System.getProperty("bench.mix", "complaint-handling=5,sales-contract=3,report-submission=2"),
          Set.of(System.getProperty("bench.runs", "bare,java,rest,paced,mixed").split("\\s*,\\s*")),
          Integer.getInteger("bench.thinkMs", 1000), Integer.getInteger("bench.rounds", 3));
    }
  }

  public static void main(String[] args) {
    int status = 0;
    try {
      String mode = System.getProperty("bench.mode", "throughput");
      if ("volume".equals(mode)) {
        Volume.run(Volume.Options.fromSystemProperties());
      } else if ("statements".equals(mode)) {
        StatementBuilding.run();
      } else {
        run(Options.fromSystemProperties());
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    // Engines' and pools' threads must not keep a failed run alive.
    System.exit(status);
  }

  static void run(Options options) throws Exception {
    System.out.println("Zhidu bench: " + options + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    List<Result> results = new ArrayList<>();
    List<Round> rounds = new ArrayList<>();
    Profiler.prime();
    String database = System.getProperty("bench.db", "zhidu_bench");
    boolean withBare = options.runs().contains("bare");
    String bareRun = "bare engine, Java API, approval shape";
    String javaRun = "Zhidu, Java API, approval shape";
    String restRun = "Zhidu, REST, approval shape, " + options.users() + " users";
    // Both engines stay up for the whole measurement and their runs take turns (see Round). The conformance sweep runs
    // at the driver's call, after each Zhidu run, so its cost is measured apart (a scheduled sweep would fall into a
    // run or not, by chance).
    try (BareEngine bare = withBare ? new BareEngine(database + "_bare") : null;
        ZhiduNode zhidu = new ZhiduNode(database, "--zhidu.conformance.jobs-enabled=false")) {
      EngineRun.Actors actors = ZhiduNode.actors();
      DemoRest rest = zhidu.rest();
      List<RestRun.Weighted> shapeOnly = List.of(new RestRun.Weighted(Scenarios.approvalShape(), 1));
      Map<String, Callable<Result>> turns = new LinkedHashMap<>();
      if (withBare) {
        turns.put(bareRun, () -> EngineRun.run(bareRun, bare.engine, actors, options.cases(), options.threads()));
      }
      if (options.runs().contains("java")) {
        turns.put(javaRun, () -> EngineRun.run(javaRun, zhidu.engine, actors, options.cases(), options.threads()));
      }
      if (options.runs().contains("rest")) {
        turns.put(restRun, () -> RestRun.run(restRun, rest, shapeOnly, options.cases(), options.users(), 0));
      }
      // The same warm-up for each engine: the engine's code they share is compiled once, for both.
      if (withBare) {
        EngineRun.run("warm-up", bare.engine, actors, options.warmup(), options.threads());
      }
      if (options.runs().contains("java")) {
        EngineRun.run("warm-up", zhidu.engine, actors, options.warmup(), options.threads());
      }
      if (options.runs().stream().anyMatch(run -> Set.of("rest", "paced", "mixed").contains(run))) {
        RestRun.run("warm-up", rest, shapeOnly, options.warmup(), options.users(), 0);
      }
      for (int number = 1; number <= options.rounds() && !turns.isEmpty(); number++) {
        sweep(zhidu, null);
        if (withBare) {
          Databases.analyze(database + "_bare");
        }
        readyToMeasure(database);
        List<String> order = new ArrayList<>(turns.keySet());
        if (number % 2 == 0) {
          Collections.reverse(order);
        }
        Map<String, Result> round = new LinkedHashMap<>();
        for (String run : order) {
          String name = options.rounds() == 1 ? run : run + ", round " + number;
          round.put(run, Profiler.record(name, turns.get(run)).named(name));
          if (!run.equals(bareRun)) {
            sweep(zhidu, name);
          }
        }
        turns.keySet().forEach(run -> results.add(round.get(run)));
        Round measured = new Round(number, round.get(bareRun), round.get(javaRun), round.get(restRun));
        rounds.add(measured);
        System.out.println("  " + measured); // long runs show their progress
      }
      if (options.runs().contains("paced")) {
        // The same cases, but each employee pauses to read and fill in as people do: latency without saturation.
        String name = "Zhidu, REST, approval shape, " + options.users() + " users thinking ~" + options.thinkMillis()
            + " ms";
        results.add(Profiler.record(name, () -> RestRun.run(name, rest, shapeOnly, options.cases(), options.users(),
            0, options.thinkMillis())));
      }
      if (options.runs().contains("mixed")) {
        String name = "Zhidu, REST, mixed procedures, " + options.users() + " users, "
            + Math.round(options.invalidRate() * 100) + " % invalid";
        results.add(Profiler.record(name, () -> RestRun.run(name, rest, mix(options.mix()), options.cases(),
            options.users(), options.invalidRate())));
      }
    }
    print(results, rounds);
    write(results, Path.of("target", "bench", "results.csv"));
  }

  /**
   * One round: the bare engine's run and Zhidu's, seconds apart, and their ratios. The runs take turns (the next round
   * in the reverse order) with both engines up: these machines' speed moves by tens of percent within minutes, so
   * runs minutes apart compared the machine's states more than the builds, and a baseline measured first, on a JIT
   * that had seen only its warm-up, ran at half its settled speed while Zhidu, after it, met the shared engine code
   * compiled (docs/performance.md, "Tenth round"). The median of the rounds is the figure to judge by.
   */
  record Round(int number, Result bare, Result java, Result rest) {
    /** Throughput relative to the bare engine's in the same round (NaN without either run). */
    static double ratio(Result zhidu, Result bare) {
      return zhidu == null || bare == null ? Double.NaN : zhidu.casesPerSecond() / bare.casesPerSecond();
    }

    /** JVM and PostgreSQL CPU per case relative to the bare engine's in the same round. */
    static double cpu(Result zhidu, Result bare) {
      return zhidu == null || bare == null ? Double.NaN : cpuPerCase(zhidu) / cpuPerCase(bare);
    }

    private static double cpuPerCase(Result r) {
      return r.jvmCpuMillisPerCase() + r.postgresCpuMillisPerCase();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "round %d: Java API / bare %.0f %% (CPU per case %.2f × bare's),"
          + " REST / bare %.0f %% (CPU per case %.2f × bare's)", number, 100 * ratio(java, bare), cpu(java, bare),
          100 * ratio(rest, bare), cpu(rest, bare));
    }
  }

  static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
    double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * After a warm-up: the database's statistics gathered (Databases.analyze) and the JIT compilers quiet, as on a node
   * that has been running for a while.
   */
  static void readyToMeasure(String database) throws InterruptedException {
    Databases.analyze(database);
    jitSettled();
  }

  /**
   * Waits, idle, until the JIT compilers are done with what start-up and the warm-up gave them (at most
   * {@code bench.settle} seconds, default 120). On two cores the one C2 thread works through the backlog of a Spring
   * Boot start for a minute or more: measured at once, a run paid that compiling (a third of a core) in its CPU per
   * case and lost the core to it, which a node running for hours does not (docs/performance.md, "Fourth round").
   */
  private static void jitSettled() throws InterruptedException {
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + Integer.getInteger("bench.settle", 120) * 1_000_000_000L;
    long compiled = jit.getTotalCompilationTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(2000);
      long now = jit.getTotalCompilationTime();
      boolean quiet = now - compiled < 100; // under 5 % of one compiler thread over the 2 s
      compiled = now;
      if (quiet) {
        break;
      }
    }
    System.out.printf(Locale.ROOT, "  JIT settled after %.0f s idle%n", (System.nanoTime() - start) / 1e9);
  }

  /** Keeps the conformance verdicts of the cases ended since the last sweep; prints its cost after a run. */
  private static void sweep(ZhiduNode zhidu, String run) {
    SqlCounter.Reading before = SqlCounter.read();
    long start = System.nanoTime();
    int judged = zhidu.context.getBean(CaseVerdicts.class).sweep();
    SqlCounter.Reading used = SqlCounter.read().minus(before);
    if (run != null && judged > 0) {
      System.out.printf(Locale.ROOT, "Conformance sweep after \"%s\": %d cases judged in %.1f s; SQL per case:"
          + " %.1f statements, %.2f commits%n", run, judged, (System.nanoTime() - start) / 1e9,
          (double) used.statements() / judged, (double) used.commits() / judged);
    }
  }

  static List<RestRun.Weighted> mix(String spec) {
    Map<String, RestRun.Scenario> scenarios = Scenarios.all();
    List<RestRun.Weighted> mix = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] nameAndWeight = part.trim().split("=");
      RestRun.Scenario scenario = scenarios.get(nameAndWeight[0]);
      if (scenario == null || nameAndWeight.length != 2) {
        throw new IllegalArgumentException("bench.mix: '" + part + "' is not <scenario>=<weight>; scenarios: "
            + scenarios.keySet());
      }
      mix.add(new RestRun.Weighted(scenario, Integer.parseInt(nameAndWeight[1])));
    }
    return mix;
  }

  private static void print(List<Result> results, List<Round> rounds) {
    System.out.println();
    for (Result r : results) {
      printRun(r);
    }
    System.out.println();
    String of = rounds.size() == 1 ? "" : " (median of " + rounds.size() + " rounds)";
    double java = median(rounds, r -> Round.ratio(r.java(), r.bare()));
    double rest = median(rounds, r -> Round.ratio(r.rest(), r.bare()));
    if (!Double.isNaN(java) || !Double.isNaN(rest)) {
      rounds.forEach(System.out::println);
    }
    if (!Double.isNaN(java)) {
      System.out.printf(Locale.ROOT, "Zhidu Java API / bare engine: %.0f %%%s (target ≥ 80 %%); CPU per case %.2f ×"
          + " bare's%n", 100 * java, of, median(rounds, r -> Round.cpu(r.java(), r.bare())));
    }
    if (!Double.isNaN(rest)) {
      System.out.printf(Locale.ROOT, "Zhidu REST / bare engine Java API: %.0f %%%s (target ≥ 50 %%); CPU per case"
          + " %.2f × bare's%n", 100 * rest, of, median(rounds, r -> Round.cpu(r.rest(), r.bare())));
    }
    for (Result r : results) {
      if (r.name().contains("REST, approval shape")) {
        r.operations().stream().filter(o -> o.operation().equals("complete")).findFirst().ifPresent(o -> System.out
            .printf(Locale.ROOT, "p99 task completion, %s: %.0f ms (target < 50 ms)%n", r.name(), o.p99()));
      }
    }
  }

  private static void printRun(Result r) {
    System.out.printf(Locale.ROOT, "%s%n  %d cases in %.1f s: %.1f cases/s, %.1f task completions/s, %d errors %s,"
            + " CPU per case: JVM %.1f ms, PostgreSQL %.1f ms; SQL per case: %.1f statements, %.1f commits%n", r.name(),
        r.cases(), r.seconds(), r.casesPerSecond(), r.completionsPerSecond(), r.errors(),
        r.errors() == 0 ? "" : r.errorDetail(), r.jvmCpuMillisPerCase(), r.postgresCpuMillisPerCase(),
        r.statementsPerCase(), r.commitsPerCase());
    System.out.printf(Locale.ROOT, "  %-34s %7s %9s %9s %9s%n", "operation", "count", "p50 ms", "p95 ms", "p99 ms");
    for (Result.OperationLatency o : r.operations()) {
      System.out.printf(Locale.ROOT, "  %-34s %7d %9.1f %9.1f %9.1f%n", o.operation(), o.count(), o.p50(), o.p95(),
          o.p99());
    }
  }

  private static void write(List<Result> results, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder csv = new StringBuilder("run,cases,seconds,cases_per_s,completions_per_s,errors,"
        + "jvm_cpu_ms_per_case,postgres_cpu_ms_per_case,sql_statements_per_case,commits_per_case,operation,count,p50_ms,p95_ms,p99_ms\n");
    for (Result r : results) {
      for (Result.OperationLatency o : r.operations()) {
        csv.append(String.format(Locale.ROOT, "\"%s\",%d,%.2f,%.2f,%.2f,%d,%.2f,%.2f,%.2f,%.2f,\"%s\",%d,%.2f,%.2f,%.2f%n",
            r.name().replace("\"", "\"\""), r.cases(), r.seconds(), r.casesPerSecond(), r.completionsPerSecond(),
            r.errors(), r.jvmCpuMillisPerCase(), r.postgresCpuMillisPerCase(), r.statementsPerCase(),
            r.commitsPerCase(), o.operation(), o.count(), o.p50(),
            o.p95(), o.p99()));
      }
    }
    Files.writeString(file, csv.toString());
    System.out.println("\nWritten: " + file.toAbsolutePath());
  }

  private Bench() {}
}
