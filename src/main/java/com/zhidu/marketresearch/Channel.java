package com.zhidu.marketresearch;

import java.util.Arrays;
import java.util.Optional;

/** §3.1.2 information channels, with the plan form's checkbox key and the Chinese label. */
public enum Channel {
  WEB_SEARCH("webSearch", "channelWebSearch", "網絡搜索"),
  INDUSTRY_REPORT("industryReport", "channelIndustryReport", "行業報告"),
  SITE_VISIT("siteVisit", "channelSiteVisit", "實地考察"),
  QUESTIONNAIRE("questionnaire", "channelQuestionnaire", "問卷調查"),
  INTERVIEW("interview", "channelInterview", "訪談");

  public final String code;
  public final String formKey;
  public final String label;

  Channel(String code, String formKey, String label) {
    this.code = code;
    this.formKey = formKey;
    this.label = label;
  }

  /** By code ({@code webSearch}) or by Chinese label ({@code 網絡搜索}). */
  public static Optional<Channel> parse(String text) {
    String t = text == null ? "" : text.trim();
    return Arrays.stream(values()).filter(c -> c.code.equalsIgnoreCase(t) || c.label.equals(t)).findFirst();
  }

  public static Channel of(String code) {
    return parse(code).orElseThrow(() -> new IllegalArgumentException("unknown channel " + code));
  }
}
