package com.zhidu.salesanalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zhidu.salesanalysis.SalesAnalysis.Breakdown;
import com.zhidu.salesanalysis.SalesAnalysis.CurrencyAmounts;
import com.zhidu.salesanalysis.SalesAnalysis.Level;
import com.zhidu.salesanalysis.SalesAnalysis.MonthPlan;
import com.zhidu.salesanalysis.SalesAnalysis.MonthlyTarget;
import com.zhidu.salesanalysis.SalesAnalysis.Movement;
import com.zhidu.salesanalysis.SalesAnalysis.SalespersonResult;
import com.zhidu.salesanalysis.SalesAnalysis.TargetVsActual;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The §3.2.7 arithmetic on its own, against figures computed by hand in the comments. */
class SalesAnalysisTest {

  static final LocalDate DAY = LocalDate.of(2030, 3, 10);

  @Test
  void monthlyComparesTheMonthsTargetsWithSignedAndCollectedPerTeamAndSalesperson() {
    MonthPlan plan = new MonthPlan("TWD", List.of(
        new MonthlyTarget("team", "salesTeamNorth", "salesTeamNorth", 1_000_000),
        new MonthlyTarget("team", "salesTeamSouth", "salesTeamSouth", 500_000),
        new MonthlyTarget("person", "sunli", "salesTeamNorth", 600_000),
        new MonthlyTarget("person", "zhouqiang", "salesTeamNorth", 400_000),
        new MonthlyTarget("person", "wuming", "salesTeamSouth", 500_000)));
    List<Movement> movements = List.of(
        signed("sunli", "TWD", 450_000, "direct", 1),
        signed("zhouqiang", "TWD", 500_000, "direct", 1),
        collected("sunli", "TWD", 200_000, "direct", 1),
        collected("wuming", "TWD", 125_000, "online", 2),
        signed("wuming", "USD", 10_000, "online", 2),
        // Someone without a target nor a team in the organisation: a salesperson row, no team row.
        signed("newbie", "TWD", 30_000, "tender", 3));

    List<TargetVsActual> rows = SalesAnalysis.compareMonth(plan, movements, p -> null, t -> "隊" + t, p -> "人" + p);

    assertThat(rows).extracting(TargetVsActual::level, TargetVsActual::id, TargetVsActual::name, TargetVsActual::team,
        TargetVsActual::currency, TargetVsActual::targetMinor, TargetVsActual::signedMinor,
        TargetVsActual::collectedMinor, TargetVsActual::signedRatePercent, TargetVsActual::collectedRatePercent)
        .containsExactly(
            // North: 450 000 + 500 000 = 950 000 of 1 000 000 → 95 %; 200 000 collected → 20 %.
            tuple(Level.TEAM, "salesTeamNorth", "隊salesTeamNorth", null, "TWD", 1_000_000L, 950_000L, 200_000L,
                p("95.00"), p("20.00")),
            tuple(Level.TEAM, "salesTeamSouth", "隊salesTeamSouth", null, "TWD", 500_000L, 0L, 125_000L, p("0.00"),
                p("25.00")),
            // USD is never added to TWD: its own row, no target, no rate.
            tuple(Level.TEAM, "salesTeamSouth", "隊salesTeamSouth", null, "USD", 0L, 10_000L, 0L, null, null),
            // 450 000 / 600 000 = 75 %; 200 000 / 600 000 = 33.333… → 33.33 %.
            tuple(Level.SALESPERSON, "sunli", "人sunli", "salesTeamNorth", "TWD", 600_000L, 450_000L, 200_000L,
                p("75.00"), p("33.33")),
            tuple(Level.SALESPERSON, "zhouqiang", "人zhouqiang", "salesTeamNorth", "TWD", 400_000L, 500_000L, 0L,
                p("125.00"), p("0.00")),
            tuple(Level.SALESPERSON, "wuming", "人wuming", "salesTeamSouth", "TWD", 500_000L, 0L, 125_000L,
                p("0.00"), p("25.00")),
            tuple(Level.SALESPERSON, "wuming", "人wuming", "salesTeamSouth", "USD", 0L, 10_000L, 0L, null, null),
            tuple(Level.SALESPERSON, "newbie", "人newbie", null, "TWD", 0L, 30_000L, 0L, null, null));
  }

  @Test
  void aSalespersonWithoutTargetCountsForTheTeamTheOrganisationGivesThem() {
    MonthPlan plan = new MonthPlan("TWD", List.of(new MonthlyTarget("team", "salesTeamNorth", "salesTeamNorth", 1000)));
    List<TargetVsActual> rows = SalesAnalysis.compareMonth(plan,
        List.of(signed("zhouqiang", "TWD", 250, "direct", 1)),
        p -> "zhouqiang".equals(p) ? "salesTeamNorth" : null, t -> t, p -> p);
    assertThat(rows).extracting(TargetVsActual::level, TargetVsActual::id, TargetVsActual::team,
            TargetVsActual::targetMinor, TargetVsActual::signedMinor, TargetVsActual::signedRatePercent)
        .containsExactly(tuple(Level.TEAM, "salesTeamNorth", null, 1000L, 250L, p("25.00")),
            tuple(Level.SALESPERSON, "zhouqiang", "salesTeamNorth", 0L, 250L, null));
  }

  @Test
  void theTeamThePlanGivesForTheYearHoldsInAMonthWithoutTargets() {
    MonthPlan plan = new MonthPlan("TWD", List.of(), Map.of("sunli", "salesTeamSouth"));
    List<TargetVsActual> rows = SalesAnalysis.compareMonth(plan, List.of(collected("sunli", "TWD", 40, "direct", 1)),
        p -> "salesTeamNorth", t -> t, p -> p);
    assertThat(rows).extracting(TargetVsActual::level, TargetVsActual::id, TargetVsActual::team,
        TargetVsActual::collectedMinor).containsExactly(tuple(Level.TEAM, "salesTeamSouth", null, 40L),
        tuple(Level.SALESPERSON, "sunli", "salesTeamSouth", 40L));
  }

  @Test
  void aPeriodEndingBeforeItStartsIsRefused() {
    SalesAnalysis analysis = new SalesAnalysis(null, null);
    LocalDate later = DAY.plusDays(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> analysis.byChannel(later, DAY))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> analysis.byCustomer(null, DAY))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> analysis.forSalesperson("sunli", later, DAY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noPlanAndNoSalesMeansNoRows() {
    assertThat(SalesAnalysis.compareMonth(new MonthPlan("TWD", List.of()), List.of(), p -> null, t -> t, p -> p))
        .isEmpty();
  }

  @Test
  void salespersonResultProratesPartMonthsAndKeepsOtherCurrenciesApart() {
    Map<YearMonth, MonthPlan> plans = new LinkedHashMap<>();
    plans.put(YearMonth.of(2030, 1), new MonthPlan("TWD", List.of(person("sunli", 100_000), person("zhouqiang", 7))));
    plans.put(YearMonth.of(2030, 2), new MonthPlan("TWD", List.of(person("sunli", 200_000))));
    plans.put(YearMonth.of(2030, 3), new MonthPlan("TWD", List.of(person("sunli", 310_000))));
    List<Movement> movements = List.of(signed("sunli", "TWD", 230_000, "direct", 1),
        signed("sunli", "USD", 5_000, "online", 2), collected("sunli", "TWD", 115_000, "direct", 1),
        collected("sunli", "USD", 1_000, "online", 2), signed("zhouqiang", "TWD", 999, "direct", 3));

    SalespersonResult r = SalesAnalysis.salesperson("sunli", "孫麗", LocalDate.of(2030, 1, 1),
        LocalDate.of(2030, 3, 16), plans, movements);

    // January and February whole (100 000 + 200 000), March 16 of 31 days: 310 000 × 16 / 31 = 160 000.
    assertThat(r.targetMinor()).isEqualTo(460_000L);
    assertThat(r.currency()).isEqualTo("TWD");
    assertThat(r.signedMinor()).isEqualTo(230_000L);
    assertThat(r.collectedMinor()).isEqualTo(115_000L);
    assertThat(r.signedRatePercent()).isEqualTo(p("50.00"));
    assertThat(r.collectedRatePercent()).isEqualTo(p("25.00"));
    assertThat(r.contractsSigned()).isEqualTo(2);
    assertThat(r.otherCurrencies()).containsExactly(new CurrencyAmounts("USD", 5_000, 1_000));
    assertThat(r.name()).isEqualTo("孫麗");
  }

  @Test
  void salespersonWithoutPlanHasZeroTargetAndNoRate() {
    SalespersonResult r = SalesAnalysis.salesperson("wuming", "吳明", DAY, DAY, Map.of(),
        List.of(signed("wuming", "TWD", 10, "direct", 1)));
    assertThat(r.currency()).isEqualTo(SalesAnalysis.DEFAULT_CURRENCY);
    assertThat(r.targetMinor()).isZero();
    assertThat(r.signedMinor()).isEqualTo(10);
    assertThat(r.signedRatePercent()).isNull();
    assertThat(r.collectedRatePercent()).isNull();
  }

  @Test
  void proratingRoundsHalfUpAndIgnoresMonthsOutsideThePeriod() {
    YearMonth feb = YearMonth.of(2030, 2);
    // 100 × 10 / 28 = 35.71 → 36; 100 × 14 / 28 = 50; 1 × 14 / 28 = 0.5 → 1.
    assertThat(SalesAnalysis.prorated(100, feb, LocalDate.of(2030, 2, 1), LocalDate.of(2030, 2, 10))).isEqualTo(36);
    assertThat(SalesAnalysis.prorated(100, feb, LocalDate.of(2030, 2, 15), LocalDate.of(2030, 3, 31))).isEqualTo(50);
    assertThat(SalesAnalysis.prorated(1, feb, LocalDate.of(2030, 2, 15), LocalDate.of(2030, 2, 28))).isEqualTo(1);
    assertThat(SalesAnalysis.prorated(100, feb, LocalDate.of(2030, 1, 1), LocalDate.of(2030, 12, 31))).isEqualTo(100);
    assertThat(SalesAnalysis.prorated(100, feb, LocalDate.of(2030, 3, 1), LocalDate.of(2030, 3, 31))).isZero();
  }

  @Test
  void ratesArePercentagesWithTwoDecimalsHalfUp() {
    assertThat(SalesAnalysis.rate(2, 3)).isEqualTo(p("66.67"));
    assertThat(SalesAnalysis.rate(1, 8)).isEqualTo(p("12.50"));
    assertThat(SalesAnalysis.rate(1, 20_000)).as("0.005 rounds up").isEqualTo(p("0.01"));
    assertThat(SalesAnalysis.rate(1, 200_000)).isEqualTo(p("0.00"));
    assertThat(SalesAnalysis.rate(5, 0)).isNull();
  }

  @Test
  void channelBreakdownCountsSignedContractsValueCollectedAndShare() {
    List<Movement> movements = List.of(signed("sunli", "TWD", 300_000, "direct", 1),
        signed("wuming", "TWD", 100_000, "direct", 2), signed("sunli", "TWD", 100_000, "online", 3),
        collected("sunli", "TWD", 50_000, "online", 3), collected("wuming", "TWD", 70_000, "tender", 4),
        signed("sunli", "USD", 1_000, "direct", 5));

    List<Breakdown> rows = SalesAnalysis.breakdown(movements, Movement::channel,
        m -> SalesAnalysis.CHANNEL_NAMES.get(m.channel()));

    // TWD signed in the period: 500 000; direct 400 000 = 80 %, online 100 000 = 20 %.
    assertThat(rows).extracting(Breakdown::key, Breakdown::name, Breakdown::currency, Breakdown::contractsSigned,
        Breakdown::signedMinor, Breakdown::collectedMinor, Breakdown::signedSharePercent).containsExactly(
        tuple("direct", "直銷", "TWD", 2, 400_000L, 0L, p("80.00")),
        tuple("online", "網路銷售", "TWD", 1, 100_000L, 50_000L, p("20.00")),
        tuple("tender", "招標", "TWD", 0, 0L, 70_000L, p("0.00")),
        tuple("direct", "直銷", "USD", 1, 1_000L, 0L, p("100.00")));
  }

  @Test
  void customerBreakdownGroupsByCustomer() {
    List<Movement> movements = List.of(signed("sunli", "TWD", 300, "direct", 1),
        signed("wuming", "TWD", 100, "online", 1), signed("sunli", "TWD", 600, "online", 2),
        collected("sunli", "TWD", 40, "online", 2));
    List<Breakdown> rows = SalesAnalysis.breakdown(movements, m -> Long.toString(m.customerId()),
        Movement::customerName);
    assertThat(rows).extracting(Breakdown::key, Breakdown::name, Breakdown::contractsSigned, Breakdown::signedMinor,
        Breakdown::collectedMinor, Breakdown::signedSharePercent).containsExactly(
        tuple("2", "客戶2", 1, 600L, 40L, p("60.00")),
        tuple("1", "客戶1", 2, 400L, 0L, p("40.00")));
  }

  @Test
  void csvOfTheMonthlyViewHasMajorUnitsAndBlankRates() {
    String csv = SalesAnalysisController.monthlyCsv(new SalesAnalysisController.Monthly(YearMonth.of(2030, 3),
        List.of(new TargetVsActual(Level.TEAM, "salesTeamNorth", "北區銷售隊", null, "TWD", 1_000_000, 950_000,
            200_001, p("95.00"), p("20.00")), new TargetVsActual(Level.SALESPERSON, "newbie", "=cmd", null, "TWD",
            0, 30_000, 0, null, null))));
    assertThat(csv).startsWith("\uFEFF\"月份\",\"層級\"");
    assertThat(csv).contains("\"2030-03\",\"團隊\",\"salesTeamNorth\",\"北區銷售隊\",\"\",\"TWD\",\"10000.00\","
        + "\"9500.00\",\"2000.01\",\"95.00\",\"20.00\"\r\n");
    assertThat(csv).contains("\"銷售人員\",\"newbie\",\"'=cmd\",\"\",\"TWD\",\"0.00\",\"300.00\",\"0.00\",\"\",\"\"");
  }

  private static MonthlyTarget person(String who, long amount) {
    return new MonthlyTarget("person", who, "salesTeamNorth", amount);
  }

  private static Movement signed(String who, String currency, long amount, String channel, long customer) {
    return new Movement(Movement.Kind.SIGNED, DAY, "SC-" + customer, who, currency, amount, channel, customer,
        "客戶" + customer);
  }

  private static Movement collected(String who, String currency, long amount, String channel, long customer) {
    return new Movement(Movement.Kind.COLLECTED, DAY, "SC-" + customer, who, currency, amount, channel, customer,
        "客戶" + customer);
  }

  private static BigDecimal p(String percent) {
    return new BigDecimal(percent);
  }
}
