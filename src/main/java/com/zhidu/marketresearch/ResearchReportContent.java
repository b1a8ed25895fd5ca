package com.zhidu.marketresearch;

import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The research report's five sections (§3.1.4), each required; {@link #read} names every empty one. */
public record ResearchReportContent(String introduction, String method, String results, String conclusions,
    String recommendations) {

  static final List<String> SECTIONS = List.of("introduction", "method", "results", "conclusions", "recommendations");
  static final List<String> TITLES = List.of("引言", "調研方法", "調研結果", "結論", "建議");

  public static ResearchReportContent read(Function<String, Object> values) {
    List<Refusal.Error> errors = new ArrayList<>();
    String[] texts = new String[SECTIONS.size()];
    for (int i = 0; i < texts.length; i++) {
      Object v = values.apply(SECTIONS.get(i));
      texts[i] = v == null ? "" : v.toString().trim();
      if (texts[i].isEmpty()) {
        errors.add(new Refusal.Error(SECTIONS.get(i), "報告必須包含「" + TITLES.get(i) + "」",
            "the report needs its " + SECTIONS.get(i) + " section"));
      }
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return new ResearchReportContent(texts[0], texts[1], texts[2], texts[3], texts[4]);
  }

  public List<String> sections() {
    return List.of(introduction, method, results, conclusions, recommendations);
  }
}
