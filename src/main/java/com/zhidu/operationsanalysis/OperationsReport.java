package com.zhidu.operationsanalysis;

import com.zhidu.operationsanalysis.OperationsAnalysis.Correlation;
import com.zhidu.operationsanalysis.OperationsAnalysis.Result;
import com.zhidu.operationsanalysis.OperationsAnalysis.Trend;
import com.zhidu.operationsanalysis.OperationsRepository.Warning;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The operations analysis report of a round (§3.4.3), generated from the stored figures: 一、概況 (overview),
 * 二、關鍵指標 (key indicators with trend, target vs actual, department comparison, correlation; charts),
 * 三、發現的問題 (the early warnings and their measures), 四、分析師建議 (the analyst's recommendations of the
 * latest version). One HTML for the page viewed from the task and for the PDF.
 */
@Component("operationsReport")
public class OperationsReport {

  public static final List<String> SECTION_TITLES = List.of("一、概況", "二、關鍵指標", "三、發現的問題", "四、分析師建議");

  private final OperationsRepository repository;
  private final OperationsAnalysis analysis;

  public OperationsReport(OperationsRepository repository, OperationsAnalysis analysis) {
    this.repository = repository;
    this.analysis = analysis;
  }

  public String titleOf(long roundId) {
    int version = repository.latestReportVersionOf(roundId);
    return repository.periodOf(roundId) + " 運營分析報告" + (version > 0 ? "(第" + version + "版)" : "");
  }

  public String linkOf(long roundId) {
    return "/zhidu/api/operations/" + roundId + "/report.html";
  }

  public String summaryOf(long roundId) {
    Result r = analysis.of(repository.periodOf(roundId));
    return "銷售收入 " + OperationsAnalysis.format(r.revenue()) + " 元,目標達成率 "
        + (r.achievement() == null ? "—" : String.format(Locale.ROOT, "%.1f%%", r.achievement())) + ";預警 "
        + repository.warnings(roundId).size() + " 項。";
  }

  /** The report as HTML; {@code charts} maps a chart title to an image src (data URI or URL), may be empty. */
  public String html(long roundId, Map<String, String> charts) {
    String period = repository.periodOf(roundId);
    Result r = analysis.of(period);
    List<Warning> warnings = repository.warnings(roundId);
    OperationsRepository.ReportVersion report = repository.latestReport(roundId);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"zh-Hant\"><head><meta charset=\"UTF-8\"/><title>").append(esc(titleOf(roundId)))
        .append("</title><style>body{font-family:'Noto Sans CJK TC','Noto Sans TC',sans-serif;margin:2em;}"
            + "table{border-collapse:collapse;margin:0.5em 0;}td,th{border:1px solid #999;padding:3px 6px;font-size:10pt;}"
            + "th{background:#eee;}.warning{color:#b45309;}.critical{color:#b91c1c;font-weight:bold;}</style></head><body>");
    h.append("<h1>").append(esc(titleOf(roundId))).append("</h1>");

    h.append("<h2>").append(SECTION_TITLES.get(0)).append("</h2><p>期間:").append(period).append(";收集部門:");
    h.append(String.join("、", Indicator.DEPARTMENTS.stream().map(Indicator::departmentLabel).toList()));
    h.append(";銷售收入 ").append(OperationsAnalysis.format(r.revenue())).append(" 元,銷售目標 ")
        .append(OperationsAnalysis.format(r.target())).append(" 元,目標達成率 ")
        .append(r.achievement() == null ? "—" : String.format(Locale.ROOT, "%.1f%%", r.achievement()))
        .append(";預警 ").append(warnings.size()).append(" 項。</p>");

    h.append("<h2>").append(SECTION_TITLES.get(1)).append("</h2>");
    h.append("<table><tr><th>部門</th><th>指標</th><th>本月</th><th>上月</th><th>環比</th><th>去年同月</th><th>同比</th></tr>");
    for (Trend t : r.trends()) {
      if (t.current() == null) {
        continue;
      }
      h.append("<tr><td>").append(Indicator.departmentLabel(t.indicator().department)).append("</td><td>")
          .append(t.indicator().label).append("(").append(t.indicator().unit.label).append(")</td><td>")
          .append(OperationsAnalysis.format(t.current())).append("</td><td>").append(OperationsAnalysis.format(t.previousMonth()))
          .append("</td><td>").append(OperationsAnalysis.percent(t.monthOverMonth())).append("</td><td>")
          .append(OperationsAnalysis.format(t.lastYear())).append("</td><td>").append(OperationsAnalysis.percent(t.yearOverYear()))
          .append("</td></tr>");
    }
    h.append("</table>");
    h.append("<h3>部門比較(各部門關鍵指標)</h3><table><tr><th>部門</th><th>關鍵指標</th><th>本月</th><th>環比</th><th>同比</th></tr>");
    for (Trend t : r.departments()) {
      h.append("<tr><td>").append(Indicator.departmentLabel(t.indicator().department)).append("</td><td>")
          .append(t.indicator().label).append("</td><td>").append(OperationsAnalysis.format(t.current())).append("</td><td>")
          .append(OperationsAnalysis.percent(t.monthOverMonth())).append("</td><td>")
          .append(OperationsAnalysis.percent(t.yearOverYear())).append("</td></tr>");
    }
    h.append("</table><h3>指標相關性(皮爾森相關係數,近12個月)</h3><table><tr><th>指標</th><th>指標</th><th>月數</th><th>r</th></tr>");
    for (Correlation c : r.correlations()) {
      h.append("<tr><td>").append(c.x().label).append("</td><td>").append(c.y().label).append("</td><td>")
          .append(c.periods()).append("</td><td>")
          .append(c.r() == null ? "—(資料不足)" : String.format(Locale.ROOT, "%.3f", c.r())).append("</td></tr>");
    }
    h.append("</table>");
    charts.forEach((title, src) -> h.append("<h3>").append(esc(title)).append("</h3><img alt=\"").append(esc(title))
        .append("\" src=\"").append(esc(src)).append("\" style=\"width:16cm\"/>"));

    h.append("<h2>").append(SECTION_TITLES.get(2)).append("</h2>");
    if (warnings.isEmpty()) {
      h.append("<p>本期沒有指標超過預警閾值。</p>");
    } else {
      h.append("<ul>");
      for (Warning w : warnings) {
        h.append("<li class=\"").append("critical".equals(w.level()) ? "critical" : "warning").append("\">")
            .append("critical".equals(w.level()) ? "【嚴重】" : "【警告】").append(Indicator.departmentLabel(w.department()))
            .append(" · ").append(esc(WarningCheck.label(w.indicator()))).append(" = ").append(OperationsAnalysis.format(w.value()))
            .append(":").append(esc(w.message()));
        if (w.measures() != null) {
          h.append("(處理措施:").append(esc(w.measures())).append(",").append(esc(w.handledBy())).append(")");
        }
        h.append("</li>");
      }
      h.append("</ul>");
    }
    h.append("<h2>").append(SECTION_TITLES.get(3)).append("</h2><p>")
        .append(report == null ? "(尚待分析師填寫)" : esc(report.recommendations()).replace("\n", "<br/>")).append("</p>");
    h.append("</body></html>");
    return h.toString();
  }

  private static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
  }
}
