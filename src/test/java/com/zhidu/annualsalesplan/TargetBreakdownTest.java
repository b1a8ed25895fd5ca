package com.zhidu.annualsalesplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.annualsalesplan.TargetBreakdown.PersonShare;
import com.zhidu.annualsalesplan.TargetBreakdown.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** §3.2.2: the breakdown adds up exactly at every level, deterministically. */
class TargetBreakdownTest {

  @Test
  void largestRemainderGivesLeftOverUnitsToTheLargestFractionsThenById() {
    // 1,000,001 × 33% = 330000.33, × 34% = 340000.34: one unit left, the largest fraction (c) gets it.
    Map<String, Long> split = TargetBreakdown.allocate(1_000_001, weights("a", 33, "b", 33, "c", 34));
    assertThat(split).containsEntry("a", 330_000L).containsEntry("b", 330_000L).containsEntry("c", 340_001L);
    assertThat(sum(split)).isEqualTo(1_000_001L);

    // 100 by thirds: equal fractions, the extra unit goes to the smallest id.
    assertThat(TargetBreakdown.allocate(100, weights("m3", 1, "m1", 1, "m2", 1)))
        .containsEntry("m1", 34L).containsEntry("m2", 33L).containsEntry("m3", 33L);
    // Same input in another order: same result.
    assertThat(TargetBreakdown.allocate(100, weights("m1", 1, "m2", 1, "m3", 1)))
        .isEqualTo(TargetBreakdown.allocate(100, weights("m3", 1, "m1", 1, "m2", 1)));
  }

  @Test
  void awkwardAmountsAlwaysSumExactly() {
    for (long total : new long[] {0, 1, 2, 7, 99, 1_000_001, 999_999_999_997L, 9_000_000_000_000_001L}) {
      Map<String, Long> split = TargetBreakdown.allocate(total, weights("x", 33, "y", 33, "z", 34));
      assertThat(sum(split)).as("total %d", total).isEqualTo(total);
      assertThat(split.values()).allMatch(v -> v >= 0);
    }
  }

  @Test
  void refusesNegativeTotalsAndEmptyWeights() {
    assertThatThrownBy(() -> TargetBreakdown.allocate(-1, weights("a", 100))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TargetBreakdown.allocate(10, weights("a", 0))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyLevelAddsUpToTheAnnualFigure() {
    long annual = 1_000_001;
    List<Target> targets = TargetBreakdown.breakDown(2027, annual, weights("salesTeamNorth", 60, "salesTeamSouth", 40),
        List.of(new PersonShare("salesTeamNorth", "sunli", 33), new PersonShare("salesTeamNorth", "zhouqiang", 67),
            new PersonShare("salesTeamSouth", "wuming", 100)),
        new int[] {10, 20, 30, 40});
    List<Target> teamQuarters = select(targets, TargetBreakdown.TEAM, true);
    List<Target> teamMonths = select(targets, TargetBreakdown.TEAM, false);
    List<Target> personQuarters = select(targets, TargetBreakdown.PERSON, true);
    List<Target> personMonths = select(targets, TargetBreakdown.PERSON, false);

    assertThat(total(teamQuarters)).isEqualTo(annual);
    assertThat(total(teamMonths)).isEqualTo(annual);
    assertThat(total(personQuarters)).isEqualTo(annual);
    assertThat(total(personMonths)).isEqualTo(annual);
    assertThat(teamQuarters).hasSize(8);
    assertThat(teamMonths).hasSize(24);
    assertThat(personQuarters).hasSize(12);
    assertThat(personMonths).hasSize(36);

    // Teams: 60/40 of the annual figure.
    assertThat(byOwner(teamQuarters)).containsEntry("salesTeamNorth", 600_001L).containsEntry("salesTeamSouth", 400_000L);
    // Seasonality 10/20/30/40 per team, months inside their quarter.
    Map<String, Long> north = teamQuarters.stream().filter(t -> t.owner().equals("salesTeamNorth"))
        .collect(Collectors.toMap(Target::period, Target::amountMinor));
    assertThat(north).containsEntry("2027-Q1", 60_000L).containsEntry("2027-Q2", 120_000L)
        .containsEntry("2027-Q3", 180_000L).containsEntry("2027-Q4", 240_001L);
    for (Target quarter : teamQuarters) {
      int q = Integer.parseInt(quarter.period().substring(6));
      long months = teamMonths.stream().filter(m -> m.owner().equals(quarter.owner()))
          .filter(m -> monthNo(m) > (q - 1) * 3 && monthNo(m) <= q * 3).mapToLong(Target::amountMinor).sum();
      assertThat(months).as("%s %s", quarter.owner(), quarter.period()).isEqualTo(quarter.amountMinor());
    }
    // Persons of a team add up to the team in every period; a person's quarter is the sum of their months.
    for (Target team : teamQuarters) {
      assertThat(personQuarters.stream().filter(p -> p.team().equals(team.owner()) && p.period().equals(team.period()))
          .mapToLong(Target::amountMinor).sum()).isEqualTo(team.amountMinor());
    }
    for (Target team : teamMonths) {
      assertThat(personMonths.stream().filter(p -> p.team().equals(team.owner()) && p.period().equals(team.period()))
          .mapToLong(Target::amountMinor).sum()).isEqualTo(team.amountMinor());
    }
    assertThat(byOwner(personQuarters)).isEqualTo(byOwner(personMonths));
    assertThat(byOwner(personQuarters).get("wuming")).isEqualTo(400_000L);
  }

  @Test
  void equalSeasonalityAndDeterministicRepeats() {
    List<Target> once = TargetBreakdown.breakDown(2027, 100, weights("salesTeamSouth", 100),
        List.of(new PersonShare("salesTeamSouth", "wuming", 100)), new int[] {25, 25, 25, 25});
    // 100 minor units by 4 quarters: 25 each; each quarter by three months: 9, 8, 8.
    assertThat(select(once, TargetBreakdown.TEAM, true)).extracting(Target::amountMinor).containsOnly(25L);
    assertThat(select(once, TargetBreakdown.TEAM, false)).filteredOn(t -> t.period().equals("2027-01"))
        .extracting(Target::amountMinor).containsExactly(9L);
    assertThat(TargetBreakdown.breakDown(2027, 100, weights("salesTeamSouth", 100),
        List.of(new PersonShare("salesTeamSouth", "wuming", 100)), new int[] {25, 25, 25, 25})).isEqualTo(once);
  }

  static Map<String, Integer> weights(Object... pairs) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return map;
  }

  private static long sum(Map<String, Long> split) {
    return split.values().stream().mapToLong(Long::longValue).sum();
  }

  private static List<Target> select(List<Target> targets, String level, boolean quarters) {
    return targets.stream().filter(t -> t.level().equals(level) && TargetBreakdown.isQuarter(t.period()) == quarters).toList();
  }

  private static long total(List<Target> targets) {
    return targets.stream().mapToLong(Target::amountMinor).sum();
  }

  private static Map<String, Long> byOwner(List<Target> targets) {
    return targets.stream().collect(Collectors.groupingBy(Target::owner, Collectors.summingLong(Target::amountMinor)));
  }

  private static int monthNo(Target t) {
    return Integer.parseInt(t.period().substring(5));
  }
}
