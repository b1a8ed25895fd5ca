package com.zhidu.salesanalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduIT;
import com.zhidu.paymentcollection.PaymentRepository;
import com.zhidu.salesanalysis.SalesAnalysis.Breakdown;
import com.zhidu.salesanalysis.SalesAnalysis.CurrencyAmounts;
import com.zhidu.salesanalysis.SalesAnalysis.Level;
import com.zhidu.salesanalysis.SalesAnalysis.SalespersonResult;
import com.zhidu.salesanalysis.SalesAnalysis.TargetVsActual;
import com.zhidu.salescontract.SalesContractRepository;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sales analysis on PostgreSQL (§3.2.7): the figures of a constructed plan, four contracts and three payments
 * ({@link SalesAnalysisFixture}) through the service and the REST endpoint, against values computed by hand.
 */
@ZhiduIT
class SalesAnalysisIT {

  @Autowired SalesAnalysis analysis;
  @Autowired JdbcTemplate jdbc;
  @Autowired SalesContractRepository contracts;
  @Autowired PaymentRepository payments;
  @Autowired TestRestTemplate rest;

  @Test
  void figuresOfAConstructedSetOfPlansContractsAndPayments() throws Exception {
    SalesAnalysisFixture fx = new SalesAnalysisFixture().build(jdbc, contracts, payments);

    // March: T signed C1 450 000 + C2 500 000 = 950 000 of 1 000 000; collected C1 150 000 + C3 60 000 = 210 000.
    List<TargetVsActual> march = analysis.monthly(fx.march());
    assertThat(march).extracting(TargetVsActual::level, TargetVsActual::id, TargetVsActual::team,
        TargetVsActual::currency, TargetVsActual::targetMinor, TargetVsActual::signedMinor,
        TargetVsActual::collectedMinor, TargetVsActual::signedRatePercent, TargetVsActual::collectedRatePercent)
        .containsExactly(
            tuple(Level.TEAM, fx.team, null, "TWD", 1_000_000L, 950_000L, 210_000L, p("95.00"), p("21.00")),
            tuple(Level.TEAM, fx.team, null, "USD", 0L, 20_000L, 0L, null, null),
            tuple(Level.SALESPERSON, fx.a, fx.team, "TWD", 600_000L, 450_000L, 210_000L, p("75.00"), p("35.00")),
            tuple(Level.SALESPERSON, fx.b, fx.team, "TWD", 400_000L, 500_000L, 0L, p("125.00"), p("0.00")),
            tuple(Level.SALESPERSON, fx.b, fx.team, "USD", 0L, 20_000L, 0L, null, null));

    // February: C3 signed by A (100 000 of 200 000), nothing collected; April: only the 40 000 payment, no plan row.
    assertThat(analysis.monthly(fx.march().minusMonths(1))).extracting(TargetVsActual::id,
        TargetVsActual::signedMinor, TargetVsActual::collectedMinor, TargetVsActual::signedRatePercent)
        .containsExactly(tuple(fx.team, 100_000L, 0L, p("50.00")), tuple(fx.a, 100_000L, 0L, p("50.00")));
    assertThat(analysis.monthly(fx.march().plusMonths(1))).extracting(TargetVsActual::id,
        TargetVsActual::targetMinor, TargetVsActual::collectedMinor)
        .containsExactly(tuple(fx.team, 0L, 40_000L), tuple(fx.a, 0L, 40_000L));

    // A from 1 February to 31 March: target 200 000 + 600 000, signed C3 + C1 = 550 000 (68.75 %),
    // collected 210 000 (26.25 %), two contracts. From 15 March: target 600 000 × 17/31 = 329 032.26 → 329 032.
    SalespersonResult a = analysis.forSalesperson(fx.a, fx.day(2, 1), fx.day(3, 31));
    assertThat(a.targetMinor()).isEqualTo(800_000L);
    assertThat(a.signedMinor()).isEqualTo(550_000L);
    assertThat(a.collectedMinor()).isEqualTo(210_000L);
    assertThat(a.signedRatePercent()).isEqualTo(p("68.75"));
    assertThat(a.collectedRatePercent()).isEqualTo(p("26.25"));
    assertThat(a.contractsSigned()).isEqualTo(2);
    assertThat(a.currency()).isEqualTo("TWD");
    SalespersonResult late = analysis.forSalesperson(fx.a, fx.day(3, 15), fx.day(3, 31));
    assertThat(late.targetMinor()).isEqualTo(329_032L);
    assertThat(late.collectedMinor()).isEqualTo(150_000L);
    SalespersonResult b = analysis.forSalesperson(fx.b, fx.day(3, 1), fx.day(3, 31));
    assertThat(b.otherCurrencies()).containsExactly(new CurrencyAmounts("USD", 20_000, 0));

    // Channels in March: online 500 000 (52.63 % of 950 000), direct 450 000 (47.37 %) with 210 000 collected.
    assertThat(analysis.byChannel(fx.day(3, 1), fx.day(3, 31))).extracting(Breakdown::key, Breakdown::currency,
        Breakdown::contractsSigned, Breakdown::signedMinor, Breakdown::collectedMinor, Breakdown::signedSharePercent)
        .containsExactly(tuple("online", "TWD", 1, 500_000L, 0L, p("52.63")),
            tuple("direct", "TWD", 1, 450_000L, 210_000L, p("47.37")),
            tuple("tender", "USD", 1, 20_000L, 0L, p("100.00")));
    assertThat(analysis.byCustomer(fx.day(3, 1), fx.day(3, 31))).extracting(Breakdown::key, Breakdown::currency,
        Breakdown::signedMinor, Breakdown::collectedMinor)
        .containsExactly(tuple(Long.toString(fx.customer2), "TWD", 500_000L, 60_000L),
            tuple(Long.toString(fx.customer1), "TWD", 450_000L, 150_000L),
            tuple(Long.toString(fx.customer1), "USD", 20_000L, 0L));

    // The same figures over REST as the sales management group reads them.
    JsonNode body = new ObjectMapper().readTree(rest.withBasicAuth("zhaolei", "zhaolei")
        .getForEntity("/zhidu/api/sales-analysis?month=" + fx.march(), String.class).getBody());
    assertThat(body.get("rows")).hasSize(5);
    assertThat(body.get("rows").get(0).get("signedMinor").asLong()).isEqualTo(950_000L);
  }

  private static BigDecimal p(String percent) {
    return new BigDecimal(percent);
  }
}
