package com.zhidu.salesanalysis;

import com.zhidu.paymentcollection.PaymentRepository;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.SalesContractRepository;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A constructed year of sales, written straight into the domain tables, in a year (far in the future) that no
 * other test uses, with salespeople and a team named after the run, so the figures are the fixture's alone also on
 * a shared PostgreSQL database. The expected figures, computed by hand, are in {@link #MARCH} and the tests.
 *
 * <pre>
 * Plan (TWD, approved): team T February 200 000, March 1 000 000; A February 200 000, March 600 000;
 *                       B March 400 000.
 * C1  A  TWD 450 000  signed 03-05  direct  customer K1  instalments 150 000 (03-20) + 300 000 (05-01)
 * C2  B  TWD 500 000  signed 03-31  online  customer K2
 * C3  A  TWD 100 000  signed 02-28  direct  customer K2
 * C4  B  USD  20 000  signed 03-10  tender  customer K1
 * Payments: C1#1 150 000 on 03-20; C3#1 60 000 on 03-01; C3#1 40 000 on 04-01.
 * </pre>
 */
final class SalesAnalysisFixture {

  // One year per fixture: two fixtures in one year (a random pick did that) would add up their figures.
  private static final AtomicInteger NEXT_YEAR = new AtomicInteger(2100 + (int) (Math.random() * 400));
  final int year = NEXT_YEAR.getAndIncrement();
  final String run = UUID.randomUUID().toString().substring(0, 6);
  final String team = "salesTeamFx" + run;
  final String a = "fxa" + run;
  final String b = "fxb" + run;
  long customer1;
  long customer2;

  YearMonth march() {
    return YearMonth.of(year, 3);
  }

  LocalDate day(int month, int day) {
    return LocalDate.of(year, month, day);
  }

  SalesAnalysisFixture build(JdbcTemplate jdbc, SalesContractRepository contracts, PaymentRepository payments) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    jdbc.update("insert into sales_plan (process_instance_id, plan_year, author, status, created_at, approved_at,"
        + " approved_version) values (?,?,?,?,?,?,?)", "fx-" + run, year, "zhaolei", "approved", now, now, 1);
    long plan = jdbc.queryForObject("select id from sales_plan where process_instance_id = ?", Long.class, "fx-" + run);
    jdbc.update("insert into sales_plan_version (plan_id, version, plan_year, target_minor, currency, strategy, regions,"
            + " team_shares, person_shares, seasonality, kpis, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        plan, 1, year, 1_200_000L, "TWD", "測試", "北區", team + " | 100", team + " | " + a + " | 60", "25,25,25,25",
        "簽約額", "zhaolei", now);
    target(jdbc, plan, "team", team, year + "-02", 200_000);
    target(jdbc, plan, "team", team, year + "-03", 1_000_000);
    target(jdbc, plan, "person", a, year + "-02", 200_000);
    target(jdbc, plan, "person", a, year + "-03", 600_000);
    target(jdbc, plan, "person", b, year + "-03", 400_000);

    customer1 = contracts.createCustomer(new ContractTerms.NewCustomer("甲客戶 " + run, "林經理", "02-1234-5678", null),
        "sunli");
    customer2 = contracts.createCustomer(new ContractTerms.NewCustomer("乙客戶 " + run, "王經理", "02-8765-4321", null),
        "sunli");
    long c1 = contract(contracts, "1", a, customer1, "TWD", "direct", day(3, 5),
        List.of(new ContractTerms.Instalment(1, day(3, 20), 150_000), new ContractTerms.Instalment(2, day(5, 1), 300_000)));
    contract(contracts, "2", b, customer2, "TWD", "online", day(3, 31),
        List.of(new ContractTerms.Instalment(1, day(6, 30), 500_000)));
    long c3 = contract(contracts, "3", a, customer2, "TWD", "direct", day(2, 28),
        List.of(new ContractTerms.Instalment(1, day(3, 1), 100_000)));
    contract(contracts, "4", b, customer1, "USD", "tender", day(3, 10),
        List.of(new ContractTerms.Instalment(1, day(7, 1), 20_000)));
    payments.recordOnce(new PaymentRepository.Payment(c1, 1, 150_000, day(3, 20), "tangyan", null, "FX-" + run + "-1"));
    payments.recordOnce(new PaymentRepository.Payment(c3, 1, 60_000, day(3, 1), "tangyan", null, "FX-" + run + "-2"));
    payments.recordOnce(new PaymentRepository.Payment(c3, 1, 40_000, day(4, 1), "tangyan", null, "FX-" + run + "-3"));
    return this;
  }

  private void target(JdbcTemplate jdbc, long plan, String level, String owner, String period, long amount) {
    jdbc.update("insert into sales_target (plan_id, level, owner, team, period, amount_minor) values (?,?,?,?,?,?)",
        plan, level, owner, team, period, amount);
  }

  private long contract(SalesContractRepository contracts, String n, String drafter, long customer, String currency,
      String channel, LocalDate signed, List<ContractTerms.Instalment> instalments) {
    long total = instalments.stream().mapToLong(ContractTerms.Instalment::amountMinor).sum();
    ContractTerms terms = new ContractTerms("分析合同 " + run + "-" + n, customer, null, "智度科技股份有限公司", "客戶",
        "按期交貨,按期付款。", List.of(new ContractTerms.LineItem(1, "工業控制器 X200", 1, total)), currency, total,
        signed.plusDays(30), instalments, channel, false, false);
    long id = contracts.createOnce("fx-" + run + "-" + n, customer, drafter);
    contracts.addVersionOnce(id, 1, customer, terms, drafter);
    contracts.markSigned(id, 1, signed, "雙方代表", drafter);
    return id;
  }
}
