package com.zhidu.complainthandling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Complaint statistics (§3.3.4 對客戶投訴進行分析總結; input to §3.4): for the complaints received in a period,
 * counts by category and by responsible department, SLA met / breached, reopens and time to resolve.
 * Definitions: <em>breached</em> = the response or the resolution deadline passed (recorded by the SLA
 * timers); <em>met</em> = finished without a breach; open complaints without a breach are neither yet.
 * Time to resolve = received → closed, for finished complaints. The one service for the REST endpoint and
 * the operations analysis.
 */
@Service
public class ComplaintStatistics {

  /** Figures for a set of complaints. Hours are rounded to one decimal; null when nothing is finished. */
  public record Figures(int received, int finished, int open, int disputes, int slaMet, int slaBreached,
      int responseBreached, int resolutionBreached, int reopenedComplaints, int reopens, Double averageHoursToResolve,
      Double medianHoursToResolve) {}

  public record Group(String key, Figures figures) {}

  public record Statistics(Instant from, Instant to, Figures overall, List<Group> byCategory,
      List<Group> byDepartment, List<Complaint> complaints) {}

  private final ComplaintRepository complaints;

  public ComplaintStatistics(ComplaintRepository complaints) {
    this.complaints = complaints;
  }

  /** Complaints received in [from, to). */
  public Statistics between(Instant from, Instant to) {
    List<Complaint> all = complaints.receivedBetween(from, to);
    return new Statistics(from, to, figures(all), groups(all, Complaint::category),
        groups(all, Complaint::responsibleGroup), all);
  }

  private static List<Group> groups(List<Complaint> all, Function<Complaint, String> key) {
    Map<String, List<Complaint>> grouped = new TreeMap<>();
    all.forEach(c -> grouped.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c));
    return grouped.entrySet().stream().map(e -> new Group(e.getKey(), figures(e.getValue()))).toList();
  }

  static Figures figures(List<Complaint> list) {
    int finished = 0;
    int disputes = 0;
    int met = 0;
    int breached = 0;
    int responseBreached = 0;
    int resolutionBreached = 0;
    int reopened = 0;
    int reopens = 0;
    List<Duration> toResolve = new ArrayList<>();
    for (Complaint c : list) {
      if (c.isFinished()) {
        finished++;
        toResolve.add(Duration.between(c.receivedAt(), c.closedAt()));
      }
      if (Complaint.DISPUTE.equals(c.status())) {
        disputes++;
      }
      if (c.slaBreached()) {
        breached++;
      } else if (c.isFinished()) {
        met++;
      }
      responseBreached += c.responseBreachedAt() != null ? 1 : 0;
      resolutionBreached += c.resolutionBreachedAt() != null ? 1 : 0;
      reopened += c.reopenCount() > 0 ? 1 : 0;
      reopens += c.reopenCount();
    }
    toResolve.sort(Comparator.naturalOrder());
    Double average = toResolve.isEmpty() ? null
        : hours(toResolve.stream().mapToLong(Duration::toMillis).sum() / toResolve.size());
    // Median: the lower middle for an even count (nearest rank), like the cycle-time figures.
    Double median = toResolve.isEmpty() ? null : hours(toResolve.get((toResolve.size() - 1) / 2).toMillis());
    return new Figures(list.size(), finished, list.size() - finished, disputes, met, breached, responseBreached,
        resolutionBreached, reopened, reopens, average, median);
  }

  private static double hours(long millis) {
    return Math.round(millis / 360_000.0) / 10.0;
  }
}
