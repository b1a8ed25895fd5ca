package com.zhidu.marketresearch;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The research report as reviewers and recipients see it (§3.1.4, §3.1.5): title, full text and the link to
 * the generated PDF of the current version. Registered as {@code researchReportDocuments} for the BPMN.
 */
@Component("researchReportDocuments")
public class ResearchReportDocuments {

  private final ResearchRepository research;

  public ResearchReportDocuments(ResearchRepository research) {
    this.research = research;
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

  public String linkOf(long planId) {
    return "/zhidu/api/research/" + planId + "/report.pdf";
  }
}
