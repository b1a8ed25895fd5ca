package com.zhidu.marketresearch;

import com.zhidu.marketresearch.ResearchRepository.Response;
import com.zhidu.marketresearch.ResearchStatistics.CrossTab;
import com.zhidu.marketresearch.ResearchStatistics.Descriptive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis of a plan's collected data (§3.1.3): descriptive statistics of the questionnaire's numeric
 * answers, the cross-tabulation region × customer segment, satisfaction frequencies and sources per channel.
 * Computed from the stored rows every time (nothing to go stale).
 */
public record ResearchAnalysis(int responses, Map<String, Descriptive> descriptives, CrossTab regionBySegment,
    Map<String, Integer> satisfactionFrequencies, Map<String, Integer> sourcesPerChannel) {

  public static ResearchAnalysis of(List<Response> responses, List<ResearchRepository.Source> sources) {
    Map<String, Descriptive> d = new LinkedHashMap<>();
    d.put("滿意度(1–5)", ResearchStatistics.describe(responses.stream().mapToDouble(Response::satisfaction).toArray()));
    d.put("購買意願(1–5)", ResearchStatistics.describe(responses.stream().mapToDouble(Response::purchaseIntent).toArray()));
    d.put("月預算(新台幣元)", ResearchStatistics.describe(
        responses.stream().mapToDouble(r -> r.monthlyBudgetMinor() / 100.0).toArray()));
    CrossTab tab = ResearchStatistics.crossTab(responses, Response::region, Response::segment);
    Map<String, Integer> satisfaction = ResearchStatistics.frequencies(responses, r -> r.satisfaction() + " 分");
    Map<String, Integer> channels = new LinkedHashMap<>();
    for (Channel c : Channel.values()) {
      int n = (int) sources.stream().filter(s -> s.accepted() && s.channel() == c).count();
      if (n > 0) {
        channels.put(c.label, n);
      }
    }
    return new ResearchAnalysis(responses.size(), d, tab, satisfaction, channels);
  }

  public static String number(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  /** The analysis as text, shown read-only in the report-writing form. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append("已採納的資訊來源:");
    sourcesPerChannel.forEach((k, v) -> s.append(k).append(' ').append(v).append(" 項;"));
    s.append("\n有效問卷:").append(responses).append(" 份\n");
    descriptives.forEach((k, d) -> {
      if (d != null) {
        s.append(k).append(":平均 ").append(number(d.mean())).append(",中位數 ").append(number(d.median()))
            .append(",標準差 ").append(number(d.sd())).append(",最小 ").append(number(d.min())).append(",最大 ")
            .append(number(d.max())).append('\n');
      }
    });
    if (responses > 0) {
      s.append("交叉分析(地區 × 客戶類型):\n");
      for (int r = 0; r < regionBySegment.rows().size(); r++) {
        s.append("  ").append(regionBySegment.rows().get(r)).append(':');
        for (int c = 0; c < regionBySegment.columns().size(); c++) {
          s.append(' ').append(regionBySegment.columns().get(c)).append(' ').append(regionBySegment.counts()[r][c]);
        }
        s.append("(合計 ").append(regionBySegment.rowTotal(r)).append(")\n");
      }
    }
    return s.toString();
  }
}
