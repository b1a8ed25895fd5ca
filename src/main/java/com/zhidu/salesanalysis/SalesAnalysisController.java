package com.zhidu.salesanalysis;

import com.zhidu.platform.Csv;
import com.zhidu.platform.Refusal;
import com.zhidu.salesanalysis.SalesAnalysis.Breakdown;
import com.zhidu.salesanalysis.SalesAnalysis.SalespersonResult;
import com.zhidu.salesanalysis.SalesAnalysis.TargetVsActual;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sales analysis over HTTP (§3.2.7), for the department manager, the deputy managers and the sales management
 * group (403 for others, 401 without authentication from {@code ZhiduApiAuthentication}).
 * {@code GET /zhidu/api/sales-analysis} with {@code format=json} (default) or {@code csv} and one of
 * <ul>
 *   <li>{@code view=monthly&month=YYYY-MM} (the default view): {@link SalesAnalysis#monthly};</li>
 *   <li>{@code view=channel&from=YYYY-MM-DD&to=YYYY-MM-DD}: {@link SalesAnalysis#byChannel};</li>
 *   <li>{@code view=customer&from=…&to=…}: {@link SalesAnalysis#byCustomer};</li>
 *   <li>{@code view=salesperson&salesperson=<user id>&from=…&to=…}: {@link SalesAnalysis#forSalesperson}.</li>
 * </ul>
 * Amounts are in minor units (1/100 of the currency unit) in JSON, in major units in CSV.
 */
@RestController
public class SalesAnalysisController {

  static final List<String> READERS = List.of("deptManager", "deputyManager", "salesManagement", "camunda-admin");

  public record Monthly(YearMonth month, List<TargetVsActual> rows) {}

  public record Breakdowns(String view, LocalDate from, LocalDate to, List<Breakdown> rows) {}

  private final IdentityService identity;
  private final SalesAnalysis analysis;

  public SalesAnalysisController(IdentityService identity, SalesAnalysis analysis) {
    this.identity = identity;
    this.analysis = analysis;
  }

  @GetMapping("/zhidu/api/sales-analysis")
  public ResponseEntity<?> analysis(@RequestParam(required = false) String view,
      @RequestParam(required = false) String month, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String salesperson,
      @RequestParam(required = false) String format) {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(READERS::contains)) {
      throw Refusal.of(403, null, "只有部門經理、副經理及銷售管理組可以查看銷售分析",
          "Only the department manager, deputy managers and sales management may read the sales analysis.");
    }
    if (format != null && !"json".equals(format) && !"csv".equals(format)) {
      throw Refusal.of(400, "format", "格式只可為 json 或 csv", "format must be json or csv.");
    }
    boolean csv = "csv".equals(format);
    String v = view == null ? "monthly" : view;
    switch (v) {
      case "monthly" -> {
        YearMonth m;
        try {
          m = YearMonth.parse(month == null ? "" : month);
        } catch (DateTimeParseException e) {
          throw Refusal.of(400, "month", "請以 YYYY-MM 格式提供「month」月份", "Give 'month' as YYYY-MM.");
        }
        Monthly result = new Monthly(m, analysis.monthly(m));
        return csv ? csv("sales-analysis-" + m, monthlyCsv(result)) : ResponseEntity.ok(result);
      }
      case "channel", "customer" -> {
        LocalDate f = day("from", from);
        LocalDate t = period(f, day("to", to));
        Breakdowns result = new Breakdowns(v, f, t,
            "channel".equals(v) ? analysis.byChannel(f, t) : analysis.byCustomer(f, t));
        return csv ? csv("sales-by-" + v + "-" + f + "-" + t, breakdownCsv(result)) : ResponseEntity.ok(result);
      }
      case "salesperson" -> {
        if (salesperson == null || salesperson.isBlank()) {
          throw Refusal.of(400, "salesperson", "請提供「salesperson」銷售人員帳號", "Give 'salesperson' (a user id).");
        }
        LocalDate f = day("from", from);
        LocalDate t = period(f, day("to", to));
        SalespersonResult result = analysis.forSalesperson(salesperson, f, t);
        return csv ? csv("sales-" + salesperson + "-" + f + "-" + t, salespersonCsv(result)) : ResponseEntity.ok(result);
      }
      default -> throw Refusal.of(400, "view", "view 只可為 monthly、channel、customer 或 salesperson",
          "view must be monthly, channel, customer or salesperson.");
    }
  }

  static String monthlyCsv(Monthly monthly) {
    StringBuilder csv = new StringBuilder(Csv.BOM);
    Csv.row(csv, "月份", "層級", "代碼", "名稱", "所屬團隊", "幣別", "目標", "簽約額", "回款額", "簽約達成率%", "回款達成率%");
    for (TargetVsActual r : monthly.rows()) {
      Csv.row(csv, monthly.month().toString(), r.level() == SalesAnalysis.Level.TEAM ? "團隊" : "銷售人員", r.id(),
          r.name(), r.team(), r.currency(), major(r.targetMinor()), major(r.signedMinor()), major(r.collectedMinor()),
          text(r.signedRatePercent()), text(r.collectedRatePercent()));
    }
    return csv.toString();
  }

  static String breakdownCsv(Breakdowns b) {
    StringBuilder csv = new StringBuilder(Csv.BOM);
    Csv.row(csv, "channel".equals(b.view()) ? "銷售渠道" : "客戶編號", "名稱", "幣別", "簽約份數", "簽約額", "回款額",
        "簽約額占比%");
    for (Breakdown r : b.rows()) {
      Csv.row(csv, r.key(), r.name(), r.currency(), Integer.toString(r.contractsSigned()), major(r.signedMinor()),
          major(r.collectedMinor()), text(r.signedSharePercent()));
    }
    return csv.toString();
  }

  static String salespersonCsv(SalespersonResult r) {
    StringBuilder csv = new StringBuilder(Csv.BOM);
    Csv.row(csv, "銷售人員", "名稱", "起", "迄", "幣別", "目標", "簽約額", "回款額", "簽約達成率%", "回款達成率%", "簽約份數");
    Csv.row(csv, r.userId(), r.name(), r.from().toString(), r.to().toString(), r.currency(), major(r.targetMinor()),
        major(r.signedMinor()), major(r.collectedMinor()), text(r.signedRatePercent()),
        text(r.collectedRatePercent()), Integer.toString(r.contractsSigned()));
    for (SalesAnalysis.CurrencyAmounts o : r.otherCurrencies()) {
      Csv.row(csv, r.userId(), r.name(), r.from().toString(), r.to().toString(), o.currency(), "",
          major(o.signedMinor()), major(o.collectedMinor()), "", "", "");
    }
    return csv.toString();
  }

  private static ResponseEntity<byte[]> csv(String name, String body) {
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
        .body(body.getBytes(StandardCharsets.UTF_8));
  }

  private static LocalDate day(String field, String value) {
    try {
      return LocalDate.parse(value == null ? "" : value);
    } catch (DateTimeParseException e) {
      throw Refusal.of(400, field, "請以 YYYY-MM-DD 格式提供「" + field + "」日期", "Give '" + field + "' as YYYY-MM-DD.");
    }
  }

  private static LocalDate period(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw Refusal.of(400, "to", "「to」不可早於「from」", "'to' must not be before 'from'.");
    }
    if (to.isAfter(from.plusYears(5))) {
      throw Refusal.of(400, "to", "查詢期間不可超過五年", "The period must not exceed five years.");
    }
    return to;
  }

  private static String major(long minor) {
    return BigDecimal.valueOf(minor, 2).toPlainString();
  }

  private static String text(BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }
}
