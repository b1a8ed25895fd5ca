package com.zhidu.marketresearch;

import com.zhidu.marketresearch.ResearchStatistics.CrossTab;
import com.zhidu.platform.documents.Chart;
import com.zhidu.platform.documents.Charts;
import com.zhidu.platform.documents.HtmlDocument;
import com.zhidu.platform.documents.StoredDocument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The research report and its charts with the one document mechanism (§3.1.3, §3.1.4): the five sections,
 * the plan's facts, the descriptive statistics and cross-tabulation, and the charts (bar: region × segment,
 * pie: satisfaction, bar: accepted sources per channel). Registered as {@code researchReportDocuments} for the
 * BPMN (title, text and PDF link of the current version shown to the reviewers).
 */
@Component("researchReportDocuments")
public class ResearchReportDocuments {

  private final ResearchRepository research;
  private final Charts charts;

  public ResearchReportDocuments(ResearchRepository research, Charts charts) {
    this.research = research;
    this.charts = charts;
  }

  public String titleOf(long planId) {
    return "市場調研報告:" + research.latestPlan(planId).title() + "(第" + research.latestReportVersionOf(planId) + "版)";
  }

  public String textOf(long planId) {
    ResearchRepository.ReportVersion report = research.latestReport(planId);
    List<String> sections = List.of(report.introduction(), report.method(), report.results(), report.conclusions(),
        report.recommendations());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sections.size(); i++) {
      text.append(ResearchReportContent.TITLES.get(i)).append('\n').append(sections.get(i)).append("\n\n");
    }
    return text.toString().trim();
  }

  /** The PDF of the current version (null before it is generated). */
  public String linkOf(long planId) {
    Long id = research.latestReport(planId).documentId();
    return id == null ? null : StoredDocument.URL_PREFIX + id;
  }

  public List<Chart> charts(ResearchAnalysis analysis) {
    List<Chart> list = new ArrayList<>();
    if (analysis.responses() > 0) {
      CrossTab tab = analysis.regionBySegment();
      Map<String, Map<String, Integer>> series = new LinkedHashMap<>();
      for (int c = 0; c < tab.columns().size(); c++) {
        Map<String, Integer> byRegion = new LinkedHashMap<>();
        for (int r = 0; r < tab.rows().size(); r++) {
          byRegion.put(tab.rows().get(r), tab.counts()[r][c]);
        }
        series.put(tab.columns().get(c), byRegion);
      }
      list.add(charts.bar("各地區受訪者(按客戶類型)", "地區", "人數", series, 640, 300));
      list.add(charts.pie("滿意度分佈", analysis.satisfactionFrequencies(), 480, 320));
    }
    if (!analysis.sourcesPerChannel().isEmpty()) {
      list.add(charts.bar("各渠道已採納的資訊來源", "渠道", "來源數", Map.of("來源", analysis.sourcesPerChannel()), 640, 280));
    }
    return list;
  }

  /** The analysis alone (HTML view after 數據分析). */
  public HtmlDocument analysisDocument(long planId, ResearchAnalysis analysis) {
    HtmlDocument doc = HtmlDocument.titled("數據分析:" + research.latestPlan(planId).title());
    analysisBlocks(doc, analysis);
    return doc;
  }

  /** The report of the latest version: plan facts, five sections, analysis with charts. */
  public HtmlDocument reportDocument(long planId) {
    ResearchPlanContent plan = research.latestPlan(planId);
    ResearchRepository.ReportVersion report = research.latestReport(planId);
    ResearchAnalysis analysis = ResearchAnalysis.of(research.responses(planId), research.sources(planId));
    HtmlDocument doc = HtmlDocument.titled(titleOf(planId));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("調研目的", plan.purpose());
    facts.put("調研範圍", plan.scope());
    facts.put("時間安排", plan.schedule());
    facts.put("預算(新台幣)", BigDecimal.valueOf(plan.budgetMinor(), 2).toPlainString());
    facts.put("收集渠道", plan.channelLabels());
    facts.put("作者", report.createdBy());
    doc.facts(facts);
    List<String> sections = List.of(report.introduction(), report.method(), report.results(), report.conclusions(),
        report.recommendations());
    for (int i = 0; i < sections.size(); i++) {
      doc.heading((i + 1) + "、" + ResearchReportContent.TITLES.get(i)).paragraph(sections.get(i));
      if (i == 2) {
        analysisBlocks(doc, analysis);
      }
    }
    return doc;
  }

  private void analysisBlocks(HtmlDocument doc, ResearchAnalysis analysis) {
    doc.paragraph("有效問卷 " + analysis.responses() + " 份。描述統計:");
    List<List<String>> rows = new ArrayList<>();
    analysis.descriptives().forEach((name, d) -> {
      if (d != null) {
        rows.add(List.of(name, String.valueOf(d.count()), ResearchAnalysis.number(d.mean()),
            ResearchAnalysis.number(d.median()), ResearchAnalysis.number(d.sd()), ResearchAnalysis.number(d.min()),
            ResearchAnalysis.number(d.max())));
      }
    });
    doc.table(List.of("項目", "份數", "平均", "中位數", "標準差", "最小", "最大"), rows);
    CrossTab tab = analysis.regionBySegment();
    if (analysis.responses() > 0) {
      doc.paragraph("交叉分析(地區 × 客戶類型):");
      List<String> header = new ArrayList<>(List.of("地區"));
      header.addAll(tab.columns());
      header.add("合計");
      List<List<String>> cross = new ArrayList<>();
      for (int r = 0; r < tab.rows().size(); r++) {
        List<String> row = new ArrayList<>(List.of(tab.rows().get(r)));
        for (int c = 0; c < tab.columns().size(); c++) {
          row.add(String.valueOf(tab.counts()[r][c]));
        }
        row.add(String.valueOf(tab.rowTotal(r)));
        cross.add(row);
      }
      doc.table(header, cross);
    }
    charts(analysis).forEach(doc::chart);
  }
}
