package com.zhidu.salesanalysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.zhidu.organization.OrganizationFile.SalesTeamEntry;
import com.zhidu.organization.OrganizationService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Sales data analysis (銷售數據分析, §3.2.7): target against actual per team and salesperson, and breakdowns by
 * sales channel and by customer. The one service appraisals (§4.1.2), the operations analysis report (§3.4) and
 * {@code GET /zhidu/api/sales-analysis} read. All figures come from the domain tables:
 * <ul>
 *   <li><b>target</b>: the monthly targets of the year's approved annual sales plan ({@code sales_target}, the
 *       latest approved plan of that year), in the plan's currency;</li>
 *   <li><b>signed</b>: the value of the signed version of every contract whose signing date lies in the period,
 *       credited to its salesperson (the contract's drafter, {@code sales_contract.drafter});</li>
 *   <li><b>collected</b>: the payments that arrived in the period ({@code sales_payment.paid_on}), whatever the
 *       contract's signing date, credited to the contract's salesperson.</li>
 * </ul>
 * A salesperson's team is the team the plan of that year gives them, else their sales team in the organisation
 * file. Amounts in different currencies are never added: figures in a currency other than the plan's are separate
 * rows (without target) in {@link #monthly}, and {@code otherCurrencies} in {@link #forSalesperson}. Rates are
 * percentages with two decimals (half up), {@code null} when the target is zero.
 */
@Service("salesAnalysis")
public class SalesAnalysis {

  /** The currency of a target when no plan was approved for the year. */
  public static final String DEFAULT_CURRENCY = "TWD";

  public enum Level { TEAM, SALESPERSON }

  /** One line of the monthly comparison. {@code team} is the salesperson's team (null on team lines). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TargetVsActual(Level level, String id, String name, String team, String currency, long targetMinor,
      long signedMinor, long collectedMinor, BigDecimal signedRatePercent, BigDecimal collectedRatePercent) {}

  /** A salesperson's results over a period: what an appraisal reads for its result indicators (§4.1.2). */
  public record SalespersonResult(String userId, String name, LocalDate from, LocalDate to, String currency,
      long targetMinor, long signedMinor, long collectedMinor, BigDecimal signedRatePercent,
      BigDecimal collectedRatePercent, int contractsSigned, List<CurrencyAmounts> otherCurrencies) {}

  /** Signed and collected amounts in a currency other than the target's. */
  public record CurrencyAmounts(String currency, long signedMinor, long collectedMinor) {}

  /**
   * One line of a channel or customer breakdown: contracts signed in the period, their value, cash collected in
   * the period, and the line's share of the period's signed value in that currency.
   */
  public record Breakdown(String key, String name, String currency, int contractsSigned, long signedMinor,
      long collectedMinor, BigDecimal signedSharePercent) {}

  /** A signed contract (kind SIGNED) or a payment (kind COLLECTED), as the analysis counts it. */
  public record Movement(Kind kind, LocalDate day, String contractNo, String salesperson, String currency,
      long amountMinor, String channel, long customerId, String customerName) {
    public enum Kind { SIGNED, COLLECTED }
  }

  /** A monthly target of the plan: level {@code team} or {@code person}, owner, the owner's team. */
  public record MonthlyTarget(String level, String owner, String team, long amountMinor) {}

  /**
   * The approved plan's monthly targets of one month, in its currency (empty when there is none), and the team the
   * plan gives each salesperson for the whole year (so a salesperson without target in a month stays in the team).
   */
  public record MonthPlan(String currency, List<MonthlyTarget> targets, Map<String, String> teamOfPerson) {
    public MonthPlan(String currency, List<MonthlyTarget> targets) {
      this(currency, targets, Map.of());
    }
  }

  public static final Map<String, String> CHANNEL_NAMES = Map.of("direct", "直銷", "distributor", "經銷商",
      "online", "網路銷售", "tender", "招標");

  private final JdbcTemplate jdbc;
  private final OrganizationService organization;

  public SalesAnalysis(JdbcTemplate jdbc, OrganizationService organization) {
    this.jdbc = jdbc;
    this.organization = organization;
  }

  /** One row per team, then one per salesperson (sorted by team, then id), for a month. */
  public List<TargetVsActual> monthly(YearMonth month) {
    return compareMonth(plan(month), movements(month.atDay(1), month.atEndOfMonth()), this::teamOf,
        this::teamName, organization::displayName);
  }

  /** Target, signed and collected of one salesperson between two days (both included). */
  public SalespersonResult forSalesperson(String userId, LocalDate from, LocalDate to) {
    requirePeriod(from, to);
    Map<YearMonth, MonthPlan> plans = new LinkedHashMap<>();
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      plans.put(m, plan(m));
    }
    return salesperson(userId, organization.displayName(userId), from, to, plans, movements(from, to));
  }

  /** Signed and collected per sales channel (§3.2.7 channel effectiveness) between two days. */
  public List<Breakdown> byChannel(LocalDate from, LocalDate to) {
    requirePeriod(from, to);
    return breakdown(movements(from, to), Movement::channel, m -> CHANNEL_NAMES.getOrDefault(m.channel(),
        m.channel()));
  }

  /** Signed and collected per customer (§3.2.7 buying behaviour) between two days. */
  public List<Breakdown> byCustomer(LocalDate from, LocalDate to) {
    requirePeriod(from, to);
    return breakdown(movements(from, to), m -> Long.toString(m.customerId()), Movement::customerName);
  }

  // ---- the arithmetic, apart from the database so it can be tested against hand-computed values ----

  static List<TargetVsActual> compareMonth(MonthPlan plan, List<Movement> movements,
      Function<String, String> teamOfPerson, Function<String, String> teamName, Function<String, String> personName) {
    String planCurrency = plan.currency();
    // key: level|id|currency → [target, signed, collected]
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, String> personTeam = new HashMap<>(plan.teamOfPerson());
    for (MonthlyTarget t : plan.targets()) {
      boolean team = "team".equals(t.level());
      add(sums, (team ? Level.TEAM : Level.SALESPERSON) + "|" + t.owner() + "|" + planCurrency, 0, t.amountMinor());
      if (!team) {
        personTeam.put(t.owner(), t.team());
      }
    }
    for (Movement m : movements) {
      int slot = m.kind() == Movement.Kind.SIGNED ? 1 : 2;
      String team = personTeam.computeIfAbsent(m.salesperson(), teamOfPerson);
      add(sums, Level.SALESPERSON + "|" + m.salesperson() + "|" + m.currency(), slot, m.amountMinor());
      if (team != null) {
        add(sums, Level.TEAM + "|" + team + "|" + m.currency(), slot, m.amountMinor());
      }
    }
    List<TargetVsActual> rows = new ArrayList<>();
    sums.forEach((key, a) -> {
      String[] k = key.split("\\|", -1);
      Level level = Level.valueOf(k[0]);
      boolean withTarget = k[2].equals(planCurrency);
      rows.add(new TargetVsActual(level, k[1],
          level == Level.TEAM ? teamName.apply(k[1]) : personName.apply(k[1]),
          level == Level.TEAM ? null : personTeam.computeIfAbsent(k[1], teamOfPerson), k[2], a[0], a[1], a[2],
          withTarget ? rate(a[1], a[0]) : null, withTarget ? rate(a[2], a[0]) : null));
    });
    rows.sort(Comparator.comparing(TargetVsActual::level)
        .thenComparing(r -> r.level() == Level.TEAM ? r.id() : Objects.toString(r.team(), "\uffff"))
        .thenComparing(TargetVsActual::id)
        .thenComparing(r -> r.currency().equals(planCurrency) ? "" : r.currency()));
    return rows;
  }

  static SalespersonResult salesperson(String userId, String name, LocalDate from, LocalDate to,
      Map<YearMonth, MonthPlan> plans, List<Movement> movements) {
    String currency = plans.values().stream().map(MonthPlan::currency).findFirst().orElse(DEFAULT_CURRENCY);
    long target = 0;
    for (Map.Entry<YearMonth, MonthPlan> e : plans.entrySet()) {
      YearMonth month = e.getKey();
      long monthTarget = e.getValue().targets().stream()
          .filter(t -> "person".equals(t.level()) && t.owner().equals(userId))
          .mapToLong(MonthlyTarget::amountMinor).sum();
      target += prorated(monthTarget, month, from, to);
    }
    long signed = 0;
    long collected = 0;
    int contracts = 0;
    Map<String, long[]> others = new TreeMap<>();
    for (Movement m : movements) {
      if (!m.salesperson().equals(userId)) {
        continue;
      }
      boolean isSigned = m.kind() == Movement.Kind.SIGNED;
      if (isSigned) {
        contracts++;
      }
      if (m.currency().equals(currency)) {
        if (isSigned) {
          signed += m.amountMinor();
        } else {
          collected += m.amountMinor();
        }
      } else {
        others.computeIfAbsent(m.currency(), c -> new long[2])[isSigned ? 0 : 1] += m.amountMinor();
      }
    }
    List<CurrencyAmounts> other = new ArrayList<>();
    others.forEach((c, a) -> other.add(new CurrencyAmounts(c, a[0], a[1])));
    return new SalespersonResult(userId, name, from, to, currency, target, signed, collected, rate(signed, target),
        rate(collected, target), contracts, other);
  }

  /**
   * The part of a monthly target that falls between {@code from} and {@code to}: all of it for a whole month, else
   * in proportion to the calendar days covered, rounded half up to the minor unit.
   */
  static long prorated(long monthTarget, YearMonth month, LocalDate from, LocalDate to) {
    LocalDate start = from.isAfter(month.atDay(1)) ? from : month.atDay(1);
    LocalDate end = to.isBefore(month.atEndOfMonth()) ? to : month.atEndOfMonth();
    long days = ChronoUnit.DAYS.between(start, end) + 1;
    if (days <= 0) {
      return 0;
    }
    if (days == month.lengthOfMonth()) {
      return monthTarget;
    }
    return BigDecimal.valueOf(monthTarget).multiply(BigDecimal.valueOf(days))
        .divide(BigDecimal.valueOf(month.lengthOfMonth()), 0, RoundingMode.HALF_UP).longValueExact();
  }

  static List<Breakdown> breakdown(List<Movement> movements, Function<Movement, String> key,
      Function<Movement, String> name) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    Map<String, Long> signedPerCurrency = new HashMap<>();
    for (Movement m : movements) {
      String k = key.apply(m) + "|" + m.currency();
      names.putIfAbsent(k, name.apply(m));
      long[] a = sums.computeIfAbsent(k, x -> new long[3]);
      if (m.kind() == Movement.Kind.SIGNED) {
        a[0]++;
        a[1] += m.amountMinor();
        signedPerCurrency.merge(m.currency(), m.amountMinor(), Long::sum);
      } else {
        a[2] += m.amountMinor();
      }
    }
    List<Breakdown> rows = new ArrayList<>();
    sums.forEach((k, a) -> {
      String currency = k.substring(k.lastIndexOf('|') + 1);
      rows.add(new Breakdown(k.substring(0, k.lastIndexOf('|')), names.get(k), currency, (int) a[0], a[1], a[2],
          rate(a[1], signedPerCurrency.getOrDefault(currency, 0L))));
    });
    rows.sort(Comparator.comparing(Breakdown::currency).thenComparing(Breakdown::signedMinor, Comparator.reverseOrder())
        .thenComparing(Breakdown::collectedMinor, Comparator.reverseOrder()).thenComparing(Breakdown::key));
    return rows;
  }

  /** {@code part / whole} as a percentage with two decimals, half up; null when {@code whole} is zero. */
  static BigDecimal rate(long part, long whole) {
    if (whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }

  private static void add(Map<String, long[]> sums, String key, int slot, long amount) {
    sums.computeIfAbsent(key, k -> new long[3])[slot] += amount;
  }

  private static void requirePeriod(LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("need from <= to, got " + from + " .. " + to);
    }
  }

  // ---- the database ----

  /** The monthly targets of the latest approved plan of the month's year. */
  MonthPlan plan(YearMonth month) {
    Optional<Map<String, Object>> plan = jdbc.queryForList("select p.id, v.currency from sales_plan p"
        + " join sales_plan_version v on v.plan_id = p.id and v.version = p.approved_version"
        + " where p.plan_year = ? and p.status = 'approved' order by p.approved_at desc, p.id desc",
        month.getYear()).stream().findFirst();
    if (plan.isEmpty()) {
      return new MonthPlan(DEFAULT_CURRENCY, List.of());
    }
    long planId = ((Number) plan.get().get("id")).longValue();
    List<MonthlyTarget> targets = jdbc.query("select level, owner, team, amount_minor from sales_target"
            + " where plan_id = ? and period = ? order by level, team, owner",
        (rs, row) -> new MonthlyTarget(rs.getString("level"), rs.getString("owner"), rs.getString("team"),
            rs.getLong("amount_minor")), planId, month.toString());
    Map<String, String> teams = new HashMap<>();
    jdbc.query("select owner, team from sales_target where plan_id = ? and level = 'person' order by id",
        rs -> {
          teams.putIfAbsent(rs.getString("owner"), rs.getString("team"));
        }, planId);
    return new MonthPlan((String) plan.get().get("currency"), targets, teams);
  }

  /** Contracts signed and payments received between two days (both included). */
  List<Movement> movements(LocalDate from, LocalDate to) {
    String common = " c.contract_no, c.drafter, v.currency, v.sales_channel, v.customer_id, cu.name"
        + " from sales_contract c"
        + " join sales_contract_version v on v.contract_id = c.id and v.version = c.signed_version"
        + " join customer cu on cu.id = v.customer_id";
    List<Movement> movements = new ArrayList<>(jdbc.query("select c.signing_date as moved_on, v.contract_value_minor"
            + " as amount," + common + " where c.signed_version is not null and c.signing_date between ? and ?"
            + " order by c.signing_date, c.contract_no",
        (rs, row) -> movement(Movement.Kind.SIGNED, rs), Date.valueOf(from), Date.valueOf(to)));
    movements.addAll(jdbc.query("select p.paid_on as moved_on, p.amount_minor as amount," + common
            + " join sales_payment p on p.contract_id = c.id where c.signed_version is not null"
            + " and p.paid_on between ? and ? order by p.paid_on, c.contract_no, p.id",
        (rs, row) -> movement(Movement.Kind.COLLECTED, rs), Date.valueOf(from), Date.valueOf(to)));
    return movements;
  }

  private static Movement movement(Movement.Kind kind, java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Movement(kind, rs.getDate("moved_on").toLocalDate(), rs.getString("contract_no"), rs.getString("drafter"),
        rs.getString("currency"), rs.getLong("amount"), rs.getString("sales_channel"), rs.getLong("customer_id"),
        rs.getString("name"));
  }

  /** The salesperson's team, hired employees included (OrganizationService.teamsOf). */
  private String teamOf(String userId) {
    return organization.teamsOf(userId).stream().findFirst().orElse(null);
  }

  private String teamName(String teamId) {
    return organization.file().salesTeams().stream().filter(t -> t.id().equals(teamId))
        .map(SalesTeamEntry::name).findFirst().orElse(teamId);
  }
}
