package com.zhidu.marketresearch;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * The research plan (§3.1.1) as entered in the start or revise form, with the rules form-js cannot express:
 * at least one required channel, recipients who exist in the organisation, a budget in whole cents.
 * {@link #read} throws one 400 {@link Refusal} naming every bad field.
 */
public record ResearchPlanContent(String title, String purpose, String scope, String methods, String schedule,
    long budgetMinor, List<Channel> channels, List<String> recipients) {

  static final List<String> TEXTS = List.of("title", "purpose", "scope", "methods", "schedule");

  public static ResearchPlanContent read(Function<String, Object> values, OrganizationService organization) {
    List<Refusal.Error> errors = new ArrayList<>();
    String[] texts = new String[TEXTS.size()];
    for (int i = 0; i < texts.length; i++) {
      Object v = values.apply(TEXTS.get(i));
      texts[i] = v == null ? "" : v.toString().trim();
      if (texts[i].isEmpty()) {
        errors.add(new Refusal.Error(TEXTS.get(i), "請填寫「" + label(TEXTS.get(i)) + "」",
            TEXTS.get(i) + " is required"));
      }
    }
    Long budget = minorUnits(values.apply("budget"));
    if (budget == null || budget < 0) {
      errors.add(new Refusal.Error("budget", "「預算」須為不小於 0 的金額,最多兩位小數",
          "budget must be an amount >= 0 with at most two decimals"));
    }
    List<Channel> channels = new ArrayList<>();
    for (Channel c : Channel.values()) {
      if (Boolean.TRUE.equals(values.apply(c.formKey)) || "true".equals(String.valueOf(values.apply(c.formKey)))) {
        channels.add(c);
      }
    }
    if (channels.isEmpty()) {
      errors.add(new Refusal.Error(Channel.WEB_SEARCH.formKey, "請至少選擇一個必須的資訊收集渠道",
          "choose at least one required channel"));
    }
    List<String> recipients = splitUsers(values.apply("recipients"));
    if (recipients.isEmpty()) {
      errors.add(new Refusal.Error("recipients", "請填寫結果反饋對象(使用者帳號,以逗號分隔)",
          "recipients are required (comma-separated user ids)"));
    } else if (organization != null) {
      List<String> unknown = recipients.stream().filter(r -> organization.user(r).isEmpty()).toList();
      if (!unknown.isEmpty()) {
        errors.add(new Refusal.Error("recipients", "找不到以下使用者:" + String.join(", ", unknown),
            "unknown users: " + String.join(", ", unknown)));
      }
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return new ResearchPlanContent(texts[0], texts[1], texts[2], texts[3], texts[4], budget, channels, recipients);
  }

  static List<String> splitUsers(Object value) {
    if (value == null) {
      return List.of();
    }
    return new ArrayList<>(new LinkedHashSet<>(Arrays.stream(value.toString().split("[,,、\\s]+"))
        .map(String::trim).filter(s -> !s.isEmpty()).toList()));
  }

  static Long minorUnits(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(value.toString().trim().replace(",", ""));
      return amount.movePointRight(2).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  static String label(String key) {
    return switch (key) {
      case "title" -> "調研題目";
      case "purpose" -> "調研目的";
      case "scope" -> "調研範圍";
      case "methods" -> "調研方法";
      case "schedule" -> "時間安排";
      default -> key;
    };
  }

  public String channelCodes() {
    return String.join(",", channels.stream().map(c -> c.code).toList());
  }

  public String channelLabels() {
    return String.join("、", channels.stream().map(c -> c.label).toList());
  }

  /** The plan as text for reviewers. */
  public String asText() {
    return "調研目的:" + purpose + "\n調研範圍:" + scope + "\n調研方法:" + methods + "\n時間安排:" + schedule
        + "\n預算:新台幣 " + BigDecimal.valueOf(budgetMinor, 2).toPlainString() + " 元\n必須的收集渠道:"
        + channelLabels() + "\n結果反饋對象:" + String.join(", ", recipients);
  }
}
