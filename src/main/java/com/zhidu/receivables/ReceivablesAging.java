package com.zhidu.receivables;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Receivables aging (應收帳款帳齡, §3.2.6): what is still open of each signed instalment on a given day,
 * by days overdue, per customer and per salesperson (the contract's drafter), one row per currency (amounts in
 * different currencies are never added). Open = instalment amount − payments that arrived on or before that
 * day, so a partial payment reduces it and a later payment does not change an earlier report.
 */
@Component
public class ReceivablesAging {

  /** Days overdue on the report day; the due date itself is not overdue (collection checks the day after). */
  public enum Bucket {
    NOT_YET_DUE("未到期"), DAYS_0_30("逾期0–30天"), DAYS_31_60("逾期31–60天"), DAYS_61_90("逾期61–90天"),
    DAYS_91_120("逾期91–120天"), OVER_120("逾期120天以上");

    public final String label;

    Bucket(String label) {
      this.label = label;
    }

    public static Bucket of(LocalDate dueDate, LocalDate asOf) {
      long overdue = ChronoUnit.DAYS.between(dueDate, asOf);
      if (overdue <= 0) {
        return NOT_YET_DUE;
      }
      return overdue <= 30 ? DAYS_0_30 : overdue <= 60 ? DAYS_31_60 : overdue <= 90 ? DAYS_61_90
          : overdue <= 120 ? DAYS_91_120 : OVER_120;
    }
  }

  /** One instalment as the report sees it: its amount and what had been paid of it by the report day. */
  public record Item(String contractNo, long customerId, String customerName, String salesperson, String currency,
      LocalDate dueDate, long amountMinor, long paidMinor) {

    long openMinor() {
      return Math.max(0, amountMinor - paidMinor);
    }
  }

  /** One line of the report, amounts in major units; customer fields only on customer lines and so on. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(Long customerId, String customer, String salesperson, String currency, BigDecimal notYetDue,
      BigDecimal days0to30, BigDecimal days31to60, BigDecimal days61to90, BigDecimal days91to120, BigDecimal over120,
      BigDecimal total) {

    public List<BigDecimal> amounts() {
      return List.of(notYetDue, days0to30, days31to60, days61to90, days91to120, over120, total);
    }
  }

  public record Report(LocalDate asOf, List<Row> byCustomer, List<Row> bySalesperson, List<Row> totals) {}

  private final JdbcTemplate jdbc;

  public ReceivablesAging(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Report asOf(LocalDate asOf) {
    return compute(items(asOf), asOf);
  }

  /** The arithmetic, apart from the database so its edges can be tested on their own. */
  public static Report compute(List<Item> items, LocalDate asOf) {
    List<Item> open = items.stream().filter(i -> i.openMinor() > 0).toList();
    return new Report(asOf,
        group(open, asOf, i -> i.customerId() + "|" + i.currency(),
            (i, a) -> row(i.customerId(), i.customerName(), null, i.currency(), a)),
        group(open, asOf, i -> i.salesperson() + "|" + i.currency(),
            (i, a) -> row(null, null, i.salesperson(), i.currency(), a)),
        group(open, asOf, Item::currency, (i, a) -> row(null, null, null, i.currency(), a)));
  }

  private interface RowMaker {
    Row make(Item first, long[] amounts);
  }

  private static List<Row> group(List<Item> items, LocalDate asOf, Function<Item, String> key, RowMaker maker) {
    Map<String, Item> firsts = new LinkedHashMap<>();
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (Item item : items) {
      String k = key.apply(item);
      firsts.putIfAbsent(k, item);
      sums.computeIfAbsent(k, x -> new long[Bucket.values().length])[Bucket.of(item.dueDate(), asOf).ordinal()] +=
          item.openMinor();
    }
    List<Row> rows = new ArrayList<>();
    sums.forEach((k, amounts) -> rows.add(maker.make(firsts.get(k), amounts)));
    rows.sort(Comparator.comparing((Row r) -> r.customer() == null ? "" : r.customer())
        .thenComparing(r -> r.salesperson() == null ? "" : r.salesperson()).thenComparing(Row::currency));
    return rows;
  }

  private static Row row(Long customerId, String customer, String salesperson, String currency, long[] a) {
    long total = 0;
    for (long amount : a) {
      total += amount;
    }
    return new Row(customerId, customer, salesperson, currency, major(a[0]), major(a[1]), major(a[2]), major(a[3]),
        major(a[4]), major(a[5]), major(total));
  }

  static BigDecimal major(long minor) {
    return BigDecimal.valueOf(minor, 2);
  }

  /** Instalments of the signed version of every contract signed by the report day, with payments up to it. */
  private List<Item> items(LocalDate asOf) {
    Date day = Date.valueOf(asOf);
    return jdbc.query("select c.contract_no, v.customer_id, cu.name, c.drafter, v.currency, i.due_date,"
            + " i.amount_minor, (select coalesce(sum(p.amount_minor), 0) from sales_payment p"
            + " where p.contract_id = c.id and p.instalment_no = i.instalment_no and p.paid_on <= ?) as paid_minor"
            + " from sales_contract c"
            + " join sales_contract_version v on v.contract_id = c.id and v.version = c.signed_version"
            + " join sales_contract_instalment i on i.contract_id = c.id and i.version = c.signed_version"
            + " join customer cu on cu.id = v.customer_id"
            + " where c.status = 'signed' and c.signing_date <= ? order by c.contract_no, i.instalment_no",
        (rs, row) -> new Item(rs.getString("contract_no"), rs.getLong("customer_id"), rs.getString("name"),
            rs.getString("drafter"), rs.getString("currency"), rs.getDate("due_date").toLocalDate(),
            rs.getLong("amount_minor"), rs.getLong("paid_minor")), day, day);
  }
}
