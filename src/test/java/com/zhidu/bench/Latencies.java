package com.zhidu.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Latencies per operation type (start, task-list query, complete, …), thread-safe, with percentiles. */
final class Latencies {

  private final Map<String, List<Long>> nanosByOperation = new TreeMap<>();
  private final Map<String, Integer> errorsByOperation = new TreeMap<>();
  private final Map<String, String> firstErrorByOperation = new TreeMap<>();

  synchronized void record(String operation, long nanos) {
    nanosByOperation.computeIfAbsent(operation, o -> new ArrayList<>()).add(nanos);
  }

  synchronized void error(String operation) {
    errorsByOperation.merge(operation, 1, Integer::sum);
  }

  synchronized int count(String operation) {
    return nanosByOperation.getOrDefault(operation, List.of()).size();
  }

  synchronized int errors() {
    return errorsByOperation.values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized Map<String, Integer> errorsByOperation() {
    return Map.copyOf(errorsByOperation);
  }

  /** The first failure seen per operation, to say why a run had errors. */
  synchronized Map<String, String> firstErrors() {
    return Map.copyOf(firstErrorByOperation);
  }

  synchronized List<String> operations() {
    return List.copyOf(nanosByOperation.keySet());
  }

  /** The p-th percentile (nearest rank) in milliseconds. */
  synchronized double percentileMillis(String operation, double p) {
    List<Long> sorted = new ArrayList<>(nanosByOperation.getOrDefault(operation, List.of()));
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1_000_000.0;
  }

  /** Times one call, recording its latency, or an error when it throws. */
  <T> T time(String operation, Call<T> call) throws Exception {
    long start = System.nanoTime();
    try {
      T result = call.run();
      record(operation, System.nanoTime() - start);
      return result;
    } catch (Exception | AssertionError e) {
      error(operation);
      synchronized (this) {
        firstErrorByOperation.putIfAbsent(operation, String.valueOf(e));
      }
      throw e;
    }
  }

  interface Call<T> {
    T run() throws Exception;
  }
}
