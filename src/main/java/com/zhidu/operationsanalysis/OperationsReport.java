package com.zhidu.operationsanalysis;

import com.zhidu.operationsanalysis.OperationsAnalysis.Correlation;
import com.zhidu.operationsanalysis.OperationsAnalysis.Result;
import com.zhidu.operationsanalysis.OperationsAnalysis.Trend;
import com.zhidu.operationsanalysis.OperationsRepository.Warning;
import com.zhidu.platform.documents.Charts;
import com.zhidu.platform.documents.HtmlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The operations analysis report of a round (§3.4.3), generated from the stored figures with the one document
 * mechanism ({@link HtmlDocument}, {@link Charts}): 一、概況 (overview), 二、關鍵指標 (trend, target vs actual,
 * department comparison, correlation, with charts), 三、發現的問題 (the early warnings and their measures),
 * 四、分析師建議 (the analyst's recommendations of the latest version). The same document is the HTML page viewed
 * from the task and the PDF.
 */
@Component("operationsReport")
public class OperationsReport {

  public static final List<String> SECTION_TITLES = List.of("一、概況", "二、關鍵指標", "三、發現的問題", "四、分析師建議");

  private final OperationsRepository repository;
  private final OperationsAnalysis analysis;
  private final Charts charts;

  public OperationsReport(OperationsRepository repository, OperationsAnalysis analysis, Charts charts) {
    this.repository = repository;
    this.analysis = analysis;
    this.charts = charts;
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
    return "銷售收入 " + OperationsAnalysis.format(r.revenue()) + " 元,目標達成率 " + rate(r.achievement()) + ";預警 "
        + repository.warnings(roundId).size() + " 項。";
  }

  public HtmlDocument document(long roundId) {
    String period = repository.periodOf(roundId);
    Result r = analysis.of(period);
    List<Warning> warnings = repository.warnings(roundId);
    OperationsRepository.ReportVersion report = repository.latestReport(roundId);
    HtmlDocument doc = HtmlDocument.titled(titleOf(roundId));

    doc.heading(SECTION_TITLES.get(0));
    Map<String, String> overview = new LinkedHashMap<>();
    overview.put("期間", period);
    overview.put("收集部門", String.join("、", Indicator.DEPARTMENTS.stream().map(Indicator::departmentLabel).toList()));
    overview.put("銷售收入(元)", OperationsAnalysis.format(r.revenue()));
    overview.put("銷售目標(元)", OperationsAnalysis.format(r.target()));
    overview.put("目標達成率", rate(r.achievement()));
    overview.put("預警", warnings.size() + " 項");
    doc.facts(overview);

    doc.heading(SECTION_TITLES.get(1));
    List<List<String>> rows = new ArrayList<>();
    for (Trend t : r.trends()) {
      if (t.current() != null) {
        rows.add(List.of(Indicator.departmentLabel(t.indicator().department),
            t.indicator().label + "(" + t.indicator().unit.label + ")", OperationsAnalysis.format(t.current()),
            OperationsAnalysis.format(t.previousMonth()), OperationsAnalysis.percent(t.monthOverMonth()),
            OperationsAnalysis.format(t.lastYear()), OperationsAnalysis.percent(t.yearOverYear())));
      }
    }
    doc.table(List.of("部門", "指標", "本月", "上月", "環比", "去年同月", "同比"), rows);
    doc.paragraph("部門比較(各部門關鍵指標):");
    doc.table(List.of("部門", "關鍵指標", "本月", "環比", "同比"), r.departments().stream().map(t -> List.of(
        Indicator.departmentLabel(t.indicator().department), t.indicator().label, OperationsAnalysis.format(t.current()),
        OperationsAnalysis.percent(t.monthOverMonth()), OperationsAnalysis.percent(t.yearOverYear()))).toList());
    doc.paragraph("指標相關性(皮爾森相關係數 r,近12個月):");
    doc.table(List.of("指標", "指標", "月數", "r"), r.correlations().stream().map(c -> List.of(c.x().label, c.y().label,
        String.valueOf(c.periods()), correlation(c))).toList());
    Map<String, Map<String, Double>> trend = new LinkedHashMap<>();
    trend.put("銷售收入", new LinkedHashMap<>());
    trend.put("銷售目標", new LinkedHashMap<>());
    r.revenueSeries().forEach((p, v) -> {
      trend.get("銷售收入").put(p, v.get(0));
      if (v.get(1) != null) {
        trend.get("銷售目標").put(p, v.get(1));
      }
    });
    if (!r.revenueSeries().isEmpty()) {
      doc.chart(charts.line("銷售收入與目標(近12個月)", "月份", "新台幣元", trend, 640, 320));
    }
    Map<String, Double> mom = new LinkedHashMap<>();
    r.departments().forEach(t -> {
      if (t.monthOverMonth() != null) {
        mom.put(Indicator.departmentLabel(t.indicator().department) + "·" + t.indicator().label, t.monthOverMonth());
      }
    });
    if (!mom.isEmpty()) {
      doc.chart(charts.bar("各部門關鍵指標環比(%)", "部門", "環比(%)", Map.of("環比", mom), 640, 300));
    }

    doc.heading(SECTION_TITLES.get(2));
    if (warnings.isEmpty()) {
      doc.paragraph("本期沒有指標超過預警閾值。");
    } else {
      doc.table(List.of("等級", "部門", "指標", "數值", "說明", "處理措施"), warnings.stream().map(w -> List.of(
          "critical".equals(w.level()) ? "嚴重" : "警告", Indicator.departmentLabel(w.department()),
          WarningCheck.label(w.indicator()), OperationsAnalysis.format(w.value()), w.message(),
          w.measures() == null ? "(待部門經理處理)" : w.measures() + "(" + w.handledBy() + ")")).toList());
    }

    doc.heading(SECTION_TITLES.get(3));
    doc.paragraph(report == null ? "(尚待分析師填寫)" : report.recommendations());
    return doc;
  }

  private static String rate(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.1f%%", v);
  }

  private static String correlation(Correlation c) {
    return c.r() == null ? "—(資料不足)" : String.format(Locale.ROOT, "%.3f", c.r());
  }
}
