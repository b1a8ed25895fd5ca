package com.zhidu.performanceappraisal;

import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period a cycle appraises (§4.1.1): a month (2026-10), a quarter (2026-Q3) or a year (2026). */
public record AppraisalPeriod(String kind, String label, LocalDate start, LocalDate end) {

  public static final String MONTHLY = "monthly";
  public static final String QUARTERLY = "quarterly";
  public static final String ANNUAL = "annual";
  public static final List<String> KINDS = List.of(MONTHLY, QUARTERLY, ANNUAL);

  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  /** The period of that kind that ended before {@code day}: last month, last quarter, last year. */
  public static AppraisalPeriod previous(String kind, LocalDate day) {
    requireKind(kind);
    return switch (kind) {
      case MONTHLY -> month(YearMonth.from(day).minusMonths(1));
      case QUARTERLY -> {
        LocalDate quarterStart = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1).minusMonths(3);
        yield quarter(quarterStart.getYear(), (quarterStart.getMonthValue() - 1) / 3 + 1);
      }
      default -> year(day.getYear() - 1);
    };
  }

  /** A period given by its label, which must match the kind; a refusal naming the field otherwise. */
  public static AppraisalPeriod parse(String kind, String label) {
    requireKind(kind);
    String text = label.trim();
    Matcher m;
    if (MONTHLY.equals(kind) && (m = MONTH.matcher(text)).matches()) {
      return month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    if (QUARTERLY.equals(kind) && (m = QUARTER.matcher(text)).matches()) {
      return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    if (ANNUAL.equals(kind) && YEAR.matcher(text).matches()) {
      return year(Integer.parseInt(text));
    }
    throw Refusal.of(400, "period", "考核期間格式與考核類別不符(月度 2026-10、季度 2026-Q3、年度 2026)",
        "period does not match the cycle kind (monthly 2026-10, quarterly 2026-Q3, annual 2026)");
  }

  static void requireKind(String kind) {
    if (!KINDS.contains(kind)) {
      throw Refusal.of(400, "cycleKind", "請選擇考核類別:月度、季度或年度", "cycleKind must be monthly, quarterly or annual");
    }
  }

  private static AppraisalPeriod month(YearMonth month) {
    return new AppraisalPeriod(MONTHLY, month.toString(), month.atDay(1), month.atEndOfMonth());
  }

  private static AppraisalPeriod quarter(int year, int quarter) {
    LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    return new AppraisalPeriod(QUARTERLY, year + "-Q" + quarter, start, start.plusMonths(3).minusDays(1));
  }

  private static AppraisalPeriod year(int year) {
    return new AppraisalPeriod(ANNUAL, Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }
}
