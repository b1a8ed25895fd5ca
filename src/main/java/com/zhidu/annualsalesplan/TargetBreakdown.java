package com.zhidu.annualsalesplan;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks an annual target (integer minor units) into quarterly and monthly targets per team and per
 * salesperson (§3.2.2), so that the amounts add up EXACTLY at every level: teams to the annual figure,
 * months to their quarter, quarters to the year, persons of a team to the team in every period.
 * Pure arithmetic, no engine, no database.
 *
 * <p>Order: annual → teams (team shares) → team quarters (seasonality) → team months (equal thirds) →
 * persons per team month (person shares); a person's quarter is the sum of their months. Splitting the
 * smallest period last is what keeps every level exact at once.
 */
public final class TargetBreakdown {

  public static final String TEAM = "team";
  public static final String PERSON = "person";

  /** One stored target; {@code team} is the owner's team (the team itself for level team). */
  public record Target(String level, String owner, String team, String period, long amountMinor) {}

  /** A salesperson's share (in %) of their team's target. */
  public record PersonShare(String team, String person, int share) {}

  private TargetBreakdown() {}

  /**
   * Largest-remainder split of {@code total} by integer weights: each key gets floor(total·w/Σw), then
   * the left-over units go one each to the largest fractions; ties by key, so the result is deterministic.
   */
  public static Map<String, Long> allocate(long total, Map<String, Integer> weights) {
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative: " + total);
    }
    long sum = weights.values().stream().mapToLong(Integer::longValue).sum();
    if (weights.isEmpty() || sum <= 0 || weights.values().stream().anyMatch(w -> w < 0)) {
      throw new IllegalArgumentException("weights must be non-negative with a positive sum: " + weights);
    }
    // BigInteger: total × weight may exceed a long for large targets.
    BigInteger big = BigInteger.valueOf(total);
    BigInteger divisor = BigInteger.valueOf(sum);
    Map<String, Long> result = new LinkedHashMap<>();
    Map<String, Long> fraction = new LinkedHashMap<>();
    long given = 0;
    for (Map.Entry<String, Integer> e : weights.entrySet()) {
      BigInteger[] qr = big.multiply(BigInteger.valueOf(e.getValue())).divideAndRemainder(divisor);
      result.put(e.getKey(), qr[0].longValueExact());
      fraction.put(e.getKey(), qr[1].longValueExact());
      given += qr[0].longValueExact();
    }
    long left = total - given;
    List<String> order = new ArrayList<>(weights.keySet());
    order.sort(Comparator.<String>comparingLong(fraction::get).reversed().thenComparing(Comparator.naturalOrder()));
    for (int i = 0; i < left; i++) {
      String key = order.get(i);
      result.put(key, result.get(key) + 1);
    }
    return result;
  }

  /**
   * The whole breakdown of one plan year. {@code teamShares} and each team's person shares sum to 100,
   * {@code seasonality} holds four quarter weights summing to 100 (checked by {@link SalesPlanContent}).
   */
  public static List<Target> breakDown(int year, long annualMinor, Map<String, Integer> teamShares,
      List<PersonShare> personShares, int[] seasonality) {
    Map<String, Integer> quarterWeights = new LinkedHashMap<>();
    for (int q = 1; q <= 4; q++) {
      quarterWeights.put(quarter(year, q), seasonality[q - 1]);
    }
    List<Target> targets = new ArrayList<>();
    Map<String, Long> teams = allocate(annualMinor, teamShares);
    for (Map.Entry<String, Long> team : teams.entrySet()) {
      String teamId = team.getKey();
      Map<String, Integer> persons = new LinkedHashMap<>();
      personShares.stream().filter(p -> p.team().equals(teamId)).forEach(p -> persons.put(p.person(), p.share()));
      Map<String, Long> personQuarter = new LinkedHashMap<>();
      Map<String, Long> quarters = allocate(team.getValue(), quarterWeights);
      int q = 0;
      for (Map.Entry<String, Long> quarter : quarters.entrySet()) {
        q++;
        targets.add(new Target(TEAM, teamId, teamId, quarter.getKey(), quarter.getValue()));
        persons.keySet().forEach(p -> personQuarter.put(p, 0L));
        Map<String, Integer> monthWeights = new LinkedHashMap<>();
        for (int m = 1; m <= 3; m++) {
          monthWeights.put(month(year, (q - 1) * 3 + m), 1);
        }
        for (Map.Entry<String, Long> month : allocate(quarter.getValue(), monthWeights).entrySet()) {
          targets.add(new Target(TEAM, teamId, teamId, month.getKey(), month.getValue()));
          if (!persons.isEmpty()) {
            allocate(month.getValue(), persons).forEach((person, amount) -> {
              targets.add(new Target(PERSON, person, teamId, month.getKey(), amount));
              personQuarter.merge(person, amount, Long::sum);
            });
          }
        }
        personQuarter.forEach((person, amount) -> targets.add(new Target(PERSON, person, teamId, quarter.getKey(), amount)));
      }
    }
    return targets;
  }

  public static String quarter(int year, int q) {
    return year + "-Q" + q;
  }

  public static String month(int year, int m) {
    return String.format("%d-%02d", year, m);
  }

  public static boolean isQuarter(String period) {
    return period.contains("-Q");
  }
}
