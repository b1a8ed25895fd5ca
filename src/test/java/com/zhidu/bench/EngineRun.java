package com.zhidu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/**
 * Cases of the approval shape through the engine's Java API, {@code threads} at a time, as the given
 * users: the same driver for the bare engine and for Zhidu's engine (where the users' authorizations,
 * Zhidu's listeners, validation and audit chain all run). Returns one result row.
 */
final class EngineRun {

  record Actors(String starter, List<String> starterGroups, String reviewer, List<String> reviewerGroups,
      String approver, List<String> approverGroups) {}

  static Result run(String name, ProcessEngine engine, Actors actors, int cases, int threads) throws Exception {
    Latencies latencies = new Latencies();
    AtomicInteger next = new AtomicInteger();
    CpuMeter.Reading before = CpuMeter.read();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(pool.submit(() -> {
        while (next.getAndIncrement() < cases) {
          try {
            oneCase(engine, actors, latencies);
          } catch (Exception e) {
            latencies.error("case");
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
    return Result.of(name, latencies, seconds, latencies.count("case"), used);
  }

  private static void oneCase(ProcessEngine engine, Actors actors, Latencies latencies) throws Exception {
    IdentityService identity = engine.getIdentityService();
    long caseStart = System.nanoTime();
    String instance = latencies.time("start", () -> {
      identity.setAuthentication(actors.starter(), actors.starterGroups());
      try {
        return engine.getRuntimeService().startProcessInstanceByKey(ApprovalShape.PROCESS_ID).getId();
      } finally {
        identity.clearAuthentication();
      }
    });
    decide(engine, instance, "review", actors.reviewer(), actors.reviewerGroups(), latencies);
    decide(engine, instance, "approve", actors.approver(), actors.approverGroups(), latencies);
    latencies.record("case", System.nanoTime() - caseStart);
  }

  private static void decide(ProcessEngine engine, String instance, String taskKey, String user, List<String> groups,
      Latencies latencies) throws Exception {
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication(user, groups);
    try {
      Task task = latencies.time("task-list query", () -> engine.getTaskService().createTaskQuery()
          .processInstanceId(instance).taskDefinitionKey(taskKey).taskCandidateGroupIn(groups).singleResult());
      latencies.time("complete", () -> {
        engine.getTaskService().claim(task.getId(), user);
        engine.getTaskService().complete(task.getId(), Map.of("decision", "approved", "comment", "同意"));
        return null;
      });
    } finally {
      identity.clearAuthentication();
    }
  }

  private EngineRun() {}
}
