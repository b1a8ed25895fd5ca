package com.zhidu.receivables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zhidu.receivables.ReceivablesAging.Bucket;
import com.zhidu.receivables.ReceivablesAging.Item;
import com.zhidu.receivables.ReceivablesAging.Report;
import com.zhidu.receivables.ReceivablesAging.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aging arithmetic (§3.2.6) on its own: bucket edges, partial payments, paid in full, not yet due. */
class ReceivablesAgingTest {

  static final LocalDate AS_OF = LocalDate.of(2030, 6, 30);

  @Test
  void bucketEdgesCountDaysAfterTheDueDate() {
    assertThat(Bucket.of(AS_OF.plusDays(1), AS_OF)).isEqualTo(Bucket.NOT_YET_DUE);
    assertThat(Bucket.of(AS_OF, AS_OF)).as("due today is not overdue yet").isEqualTo(Bucket.NOT_YET_DUE);
    assertThat(Bucket.of(AS_OF.minusDays(1), AS_OF)).isEqualTo(Bucket.DAYS_0_30);
    assertThat(Bucket.of(AS_OF.minusDays(30), AS_OF)).isEqualTo(Bucket.DAYS_0_30);
    assertThat(Bucket.of(AS_OF.minusDays(31), AS_OF)).isEqualTo(Bucket.DAYS_31_60);
    assertThat(Bucket.of(AS_OF.minusDays(60), AS_OF)).isEqualTo(Bucket.DAYS_31_60);
    assertThat(Bucket.of(AS_OF.minusDays(61), AS_OF)).isEqualTo(Bucket.DAYS_61_90);
    assertThat(Bucket.of(AS_OF.minusDays(90), AS_OF)).isEqualTo(Bucket.DAYS_61_90);
    assertThat(Bucket.of(AS_OF.minusDays(91), AS_OF)).isEqualTo(Bucket.DAYS_91_120);
    assertThat(Bucket.of(AS_OF.minusDays(120), AS_OF)).isEqualTo(Bucket.DAYS_91_120);
    assertThat(Bucket.of(AS_OF.minusDays(121), AS_OF)).isEqualTo(Bucket.OVER_120);
  }

  @Test
  void openAmountsGoToTheirBucketsPerCustomerSalespersonAndCurrency() {
    Report report = ReceivablesAging.compute(List.of(
        // 甲: 30 days overdue, partly paid; 31 days overdue unpaid; not yet due; a paid-in-full one that vanishes.
        item("甲公司", 1, "sunli", "TWD", AS_OF.minusDays(30), 100_000, 40_000),
        item("甲公司", 1, "sunli", "TWD", AS_OF.minusDays(31), 50_000, 0),
        item("甲公司", 1, "sunli", "TWD", AS_OF.plusDays(10), 70_000, 0),
        item("甲公司", 1, "sunli", "TWD", AS_OF.minusDays(200), 90_000, 90_000),
        // 乙: 121 days and 91 days overdue, by another salesperson; and a USD instalment kept apart.
        item("乙公司", 2, "wuming", "TWD", AS_OF.minusDays(121), 12_345, 0),
        item("乙公司", 2, "wuming", "TWD", AS_OF.minusDays(91), 1_000, 1),
        item("乙公司", 2, "wuming", "USD", AS_OF.minusDays(61), 500, 0)), AS_OF);

    assertThat(report.byCustomer()).extracting(Row::customer, Row::currency)
        .as("sorted by name (code point order), then currency")
        .containsExactly(tuple("乙公司", "TWD"),
            tuple("乙公司", "USD"), tuple("甲公司", "TWD"));
    assertThat(report.byCustomer().get(2).amounts()).containsExactly(m("700.00"), m("600.00"), m("500.00"),
        m("0.00"), m("0.00"), m("0.00"), m("1800.00"));
    assertThat(report.byCustomer().get(0).amounts()).containsExactly(m("0.00"), m("0.00"), m("0.00"), m("0.00"),
        m("9.99"), m("123.45"), m("133.44"));
    assertThat(report.byCustomer().get(1).amounts()).containsExactly(m("0.00"), m("0.00"), m("0.00"), m("5.00"),
        m("0.00"), m("0.00"), m("5.00"));

    assertThat(report.bySalesperson()).extracting(Row::salesperson, Row::currency, Row::total).containsExactly(
        tuple("sunli", "TWD", m("1800.00")),
        tuple("wuming", "TWD", m("133.44")),
        tuple("wuming", "USD", m("5.00")));
    assertThat(report.totals()).extracting(Row::currency, Row::total)
        .containsExactly(tuple("TWD", m("1933.44")),
            tuple("USD", m("5.00")));
  }

  @Test
  void paidInFullLeavesNothingAndOverpaymentNeverGoesNegative() {
    Report report = ReceivablesAging.compute(List.of(item("丙公司", 3, "sunli", "TWD", AS_OF.minusDays(5), 100, 100),
        item("丙公司", 3, "sunli", "TWD", AS_OF.minusDays(5), 100, 150)), AS_OF);
    assertThat(report.byCustomer()).isEmpty();
    assertThat(report.bySalesperson()).isEmpty();
    assertThat(report.totals()).isEmpty();
  }

  @Test
  void csvHasBomHeaderAndDefusesFormulas() {
    Report report = ReceivablesAging.compute(List.of(item("=HYPERLINK(\"x\")", 4, "sunli", "TWD",
        AS_OF.minusDays(1), 12_345, 0)), AS_OF);
    String csv = ReceivablesController.csv(report);
    assertThat(csv).startsWith("\uFEFF\"分類\",\"客戶/銷售人員\",\"幣別\",\"未到期\",\"逾期0–30天\"");
    assertThat(csv).contains("\"客戶\",\"'=HYPERLINK(\"\"x\"\")\",\"TWD\",\"0.00\",\"123.45\"");
    assertThat(csv).contains("\"銷售人員\",\"sunli\",\"TWD\"", "\"合計\",\"\",\"TWD\"");
    assertThat(csv.split("\r\n")).hasSize(4);
  }

  private static Item item(String customer, long customerId, String salesperson, String currency, LocalDate due,
      long amountMinor, long paidMinor) {
    return new Item("SC-" + customerId, customerId, customer, salesperson, currency, due, amountMinor, paidMinor);
  }

  private static BigDecimal m(String amount) {
    return new BigDecimal(amount);
  }
}
