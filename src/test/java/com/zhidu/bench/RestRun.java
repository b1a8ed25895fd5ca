package com.zhidu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.zhidu.DemoRest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated employees working through the authenticated REST API as Tasklist does: start a case, read
 * their task list until the next step shows up (async continuations run on the job executor), claim and
 * submit the form; a share of submissions is invalid on purpose and must be refused with 400 before the
 * valid one goes in. Scenarios are picked by weight; each names the procedure it exercises.
 */
final class RestRun {

  /** One kind of case, driven end to end by one simulated employee thread. */
  interface Scenario {
    String name();

    void run(DemoRest rest, int n, Steps steps) throws Exception;
  }

  record Weighted(Scenario scenario, int weight) {}

  /** What a scenario does at each step, timed and with the invalid submissions mixed in. */
  static final class Steps {
    private final Latencies latencies;
    private final double invalidRate;
    private final int thinkMillis;
    final AtomicInteger invalidRefused = new AtomicInteger();
    final AtomicInteger invalidAccepted = new AtomicInteger();

    Steps(Latencies latencies, double invalidRate, int thinkMillis) {
      this.latencies = latencies;
      this.invalidRate = invalidRate;
      this.thinkMillis = thinkMillis;
    }

    /** An employee reading the task or filling in the form: 0.5 to 1.5 times the think time, not measured. */
    private void think() throws InterruptedException {
      if (thinkMillis > 0) {
        Thread.sleep(Math.round(thinkMillis * (0.5 + ThreadLocalRandom.current().nextDouble())));
      }
    }

    JsonNode start(DemoRest rest, String user, String path, Object body) throws Exception {
      DemoRest.Reply reply = latencies.time("start", () -> rest.post(user, path, body));
      if (reply.status() / 100 != 2) {
        latencies.error("start");
        throw new IllegalStateException("start " + path + " as " + user + ": " + reply.status() + " " + reply.text());
      }
      return reply.body();
    }

    /** Polls the user's task list with this query until exactly one task shows up; returns its id. */
    String awaitTask(DemoRest rest, String user, String query) throws Exception {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        DemoRest.Reply reply = latencies.time("task-list query", () -> rest.get(user, "/engine-rest/task?" + query));
        if (reply.status() == 200 && reply.body() != null && reply.body().size() == 1) {
          return reply.body().get(0).get("id").asText();
        }
        Thread.sleep(25);
      }
      latencies.error("task-list query");
      throw new IllegalStateException(user + " never saw a task for " + query);
    }

    /** Claims and completes; first, sometimes, tries the invalid values, which must be refused with 400. */
    void complete(DemoRest rest, String user, String taskId, Map<String, ?> valid, Map<String, ?> invalid)
        throws Exception {
      boolean tryInvalid = invalid != null && ThreadLocalRandom.current().nextDouble() < invalidRate;
      think();
      latencies.time("claim", () -> {
        DemoRest.Reply claimed = rest.post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
        if (claimed.status() != 204) {
          throw new IllegalStateException("claim as " + user + ": " + claimed.status() + " " + claimed.text());
        }
        return null;
      });
      think();
      if (tryInvalid) {
        int status = latencies.time("complete (invalid)", () -> rest.submit(user, taskId, invalid));
        if (status == 400) {
          invalidRefused.incrementAndGet();
        } else {
          invalidAccepted.incrementAndGet();
          System.out.println("  invalid submission answered " + status + " (not 400): " + user + " " + invalid.keySet());
        }
      }
      int status = latencies.time("complete", () -> rest.submit(user, taskId, valid));
      if (status != 204) {
        latencies.error("complete");
        throw new IllegalStateException("complete as " + user + ": " + status);
      }
    }
  }

  static Result run(String name, DemoRest rest, List<Weighted> mix, int cases, int users, double invalidRate)
      throws Exception {
    return run(name, rest, mix, cases, users, invalidRate, 0);
  }

  /** {@code thinkMillis}: each employee's pause before claiming and before submitting (0: as fast as possible). */
  static Result run(String name, DemoRest rest, List<Weighted> mix, int cases, int users, double invalidRate,
      int thinkMillis) throws Exception {
    Latencies latencies = new Latencies();
    Steps steps = new Steps(latencies, invalidRate, thinkMillis);
    AtomicInteger next = new AtomicInteger();
    int totalWeight = mix.stream().mapToInt(Weighted::weight).sum();
    Map<String, AtomicInteger> failures = new HashMap<>();
    CpuMeter.Reading before = CpuMeter.read();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(users);
    List<Future<?>> running = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      running.add(pool.submit(() -> {
        int n;
        while ((n = next.getAndIncrement()) < cases) {
          Scenario scenario = pick(mix, totalWeight);
          long caseStart = System.nanoTime();
          try {
            scenario.run(rest, n, steps);
            latencies.record("case", System.nanoTime() - caseStart);
            latencies.record("case: " + scenario.name(), System.nanoTime() - caseStart);
          } catch (Exception e) {
            latencies.error("case: " + scenario.name());
            synchronized (failures) {
              failures.computeIfAbsent(e.getMessage(), m -> new AtomicInteger()).incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> future : running) {
      future.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    CpuMeter.Reading used = CpuMeter.read().minus(before);
    failures.entrySet().stream().limit(5).forEach(f -> System.out.println("  failure ×" + f.getValue() + ": " + f.getKey()));
    if (steps.invalidAccepted.get() > 0) {
      latencies.error("invalid accepted");
    }
    System.out.printf("  %s: invalid submissions refused %d, accepted %d%n", name, steps.invalidRefused.get(),
        steps.invalidAccepted.get());
    return Result.of(name, latencies, seconds, latencies.count("case"), used);
  }

  private static Scenario pick(List<Weighted> mix, int totalWeight) {
    int roll = ThreadLocalRandom.current().nextInt(totalWeight);
    for (Weighted weighted : mix) {
      roll -= weighted.weight();
      if (roll < 0) {
        return weighted.scenario();
      }
    }
    return mix.get(mix.size() - 1).scenario();
  }

  private RestRun() {}
}
