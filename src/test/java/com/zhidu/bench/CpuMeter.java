package com.zhidu.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds used by this JVM and by the local PostgreSQL server processes, read from the JVM and from
 * /proc (Linux), so a run can report CPU per case for both; with the SQL statements and commits counted.
 */
final class CpuMeter {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux x86_64

  /** CPU seconds, and the SQL statements and commits {@link SqlCounter} saw. */
  record Reading(double jvmSeconds, double postgresSeconds, long statements, long commits) {
    Reading minus(Reading earlier) {
      return new Reading(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds,
          statements - earlier.statements, commits - earlier.commits);
    }
  }

  static Reading read() {
    SqlCounter.Reading sql = SqlCounter.read();
    return new Reading(jvmCpuSeconds(), postgresCpuSeconds(), sql.statements(), sql.commits());
  }

  private static double jvmCpuSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /** utime + stime of every process named postgres (the server and its backends, including exited children's). */
  private static double postgresCpuSeconds() {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc)) {
      return Double.NaN;
    }
    long ticks = 0;
    try (Stream<Path> entries = Files.list(proc)) {
      for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String stat = Files.readString(entry.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          if (!name.startsWith("postgres")) {
            continue;
          }
          String[] fields = stat.substring(close + 2).split(" ");
          // fields[11..14] = utime, stime, cutime, cstime (stat fields 14–17)
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
              + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException gone) {
          // the process ended while we read: its time is in its parent's cutime
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return ticks / TICKS_PER_SECOND;
  }

  private CpuMeter() {}
}
