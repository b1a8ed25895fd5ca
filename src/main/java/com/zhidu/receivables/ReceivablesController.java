package com.zhidu.receivables;

import com.zhidu.platform.Csv;
import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receivables over HTTP (§3.2.6). Authentication comes from {@code ZhiduApiAuthentication} (401 without it).
 * <ul>
 *   <li>{@code POST /zhidu/api/payments}: the finance system reports a payment
 *       {@code {contractNo, instalmentNo, amount, currency, paidOn[, reference]}}, see {@link PaymentIntake};
 *       201, or 200 when the same reference was recorded before.</li>
 *   <li>{@code GET /zhidu/api/receivables/aging?asOf=YYYY-MM-DD[&format=csv]}: see {@link ReceivablesAging}.</li>
 * </ul>
 */
@RestController
public class ReceivablesController {

  static final List<String> PAYMENT_REPORTERS = List.of("finance", "camunda-admin");
  static final List<String> AGING_READERS = List.of("salesManagement", "finance", "deptManager", "deputyManager",
      "leadership", "camunda-admin");

  private final IdentityService identity;
  private final PaymentIntake intake;
  private final ReceivablesAging aging;

  public ReceivablesController(IdentityService identity, PaymentIntake intake, ReceivablesAging aging) {
    this.identity = identity;
    this.intake = intake;
    this.aging = aging;
  }

  @PostMapping(path = "/zhidu/api/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<PaymentIntake.Recorded> pay(@RequestBody Map<String, Object> body) {
    String user = requireGroup(PAYMENT_REPORTERS, "只有財務部門可以登記收款", "Only the finance group may record payments.");
    PaymentIntake.Recorded recorded = intake.record(body, user);
    return ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded);
  }

  @GetMapping("/zhidu/api/receivables/aging")
  public ResponseEntity<?> aging(@RequestParam(required = false) String asOf,
      @RequestParam(required = false) String format) {
    requireGroup(AGING_READERS, "只有銷售管理組、財務部門、部門經理、副經理及公司領導可以查看應收帳款帳齡",
        "Only sales management, finance, managers and leadership may read receivables aging.");
    LocalDate day;
    try {
      day = LocalDate.parse(asOf == null ? "" : asOf);
    } catch (DateTimeParseException e) {
      throw Refusal.of(400, "asOf", "請以 YYYY-MM-DD 格式提供「asOf」日期", "Give 'asOf' as a date YYYY-MM-DD.");
    }
    if (format != null && !"json".equals(format) && !"csv".equals(format)) {
      throw Refusal.of(400, "format", "格式只可為 json 或 csv", "format must be json or csv.");
    }
    ReceivablesAging.Report report = aging.asOf(day);
    if ("csv".equals(format)) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
          .header("Content-Disposition", "attachment; filename=\"receivables-aging-" + day + ".csv\"")
          .body(csv(report).getBytes(StandardCharsets.UTF_8));
    }
    return ResponseEntity.ok(report);
  }

  /** One table: customer lines, salesperson lines, then the totals per currency. */
  static String csv(ReceivablesAging.Report report) {
    StringBuilder csv = new StringBuilder(Csv.BOM);
    Csv.row(csv, "分類", "客戶/銷售人員", "幣別", ReceivablesAging.Bucket.NOT_YET_DUE.label,
        ReceivablesAging.Bucket.DAYS_0_30.label, ReceivablesAging.Bucket.DAYS_31_60.label,
        ReceivablesAging.Bucket.DAYS_61_90.label, ReceivablesAging.Bucket.DAYS_91_120.label,
        ReceivablesAging.Bucket.OVER_120.label, "合計");
    report.byCustomer().forEach(r -> line(csv, "客戶", r.customer(), r));
    report.bySalesperson().forEach(r -> line(csv, "銷售人員", r.salesperson(), r));
    report.totals().forEach(r -> line(csv, "合計", "", r));
    return csv.toString();
  }

  private static void line(StringBuilder csv, String kind, String name, ReceivablesAging.Row row) {
    String[] cells = new String[10];
    cells[0] = kind;
    cells[1] = name;
    cells[2] = row.currency();
    List<BigDecimal> amounts = row.amounts();
    for (int i = 0; i < amounts.size(); i++) {
      cells[3 + i] = amounts.get(i).toPlainString();
    }
    Csv.row(csv, cells);
  }

  private String requireGroup(List<String> groups, String zh, String en) {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(groups::contains)) {
      throw Refusal.of(403, null, zh, en);
    }
    return user.getUserId();
  }
}
