package com.zhidu.bench;

import java.util.ArrayList;
import java.util.List;

/** One measured run: throughput, latency percentiles per operation, errors, CPU per case. */
record Result(String name, double seconds, int cases, double casesPerSecond, double completionsPerSecond,
    List<OperationLatency> operations, int errors, String errorDetail, double jvmCpuMillisPerCase,
    double postgresCpuMillisPerCase, double statementsPerCase, double commitsPerCase) {

  /** The same figures under another name (a round's number added). */
  Result named(String other) {
    return new Result(other, seconds, cases, casesPerSecond, completionsPerSecond, operations, errors, errorDetail,
        jvmCpuMillisPerCase, postgresCpuMillisPerCase, statementsPerCase, commitsPerCase);
  }

  record OperationLatency(String operation, int count, double p50, double p95, double p99) {}

  static Result of(String name, Latencies latencies, double seconds, int cases, CpuMeter.Reading cpu) {
    List<OperationLatency> operations = new ArrayList<>();
    for (String operation : latencies.operations()) {
      operations.add(new OperationLatency(operation, latencies.count(operation),
          latencies.percentileMillis(operation, 50), latencies.percentileMillis(operation, 95),
          latencies.percentileMillis(operation, 99)));
    }
    int completions = latencies.count("complete");
    return new Result(name, seconds, cases, cases / seconds, completions / seconds, operations, latencies.errors(),
        latencies.errorsByOperation() + " first: " + latencies.firstErrors(), cases == 0 ? Double.NaN : cpu.jvmSeconds() * 1000 / cases,
        cases == 0 ? Double.NaN : cpu.postgresSeconds() * 1000 / cases,
        cases == 0 ? Double.NaN : (double) cpu.statements() / cases, cases == 0 ? Double.NaN : (double) cpu.commits() / cases);
  }
}
