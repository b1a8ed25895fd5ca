package com.zhidu.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.SoftAssertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Traditional Chinese locale files against the English ones the Camunda 7.24 webjar ships: when a
 * Camunda upgrade adds or changes keys, this names each missing key per app instead of leaving a gap
 * that the webapp would silently show as a raw key.
 */
class LocaleCompletenessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "META-INF/resources/webjars/camunda/app/";
  /** What the webapp substitutes or renders: Angular {{x}}, {x}/{} counts, moment %s/%d, HTML tags. */
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "\\{\\{[^}]*}}|\\{[^{}]*}|%[sd]|</?(?:a|b|br|strong|em|i|code|span|p|div|ul|li)\\b[^>]*>");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void everyEnglishKeyHasAChineseValueWithTheSamePlaceholders(String app) throws IOException {
    JsonNode en = read(BASE + app + "/locales/en.json");
    JsonNode zh = read(BASE + app + "/locales/zh.json");
    assertThat(en.path("labels").size()).as("the webjar's English labels of " + app).isGreaterThan(100);

    List<String> missing = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    int texts = 0;
    int chinese = 0;
    for (Map.Entry<String, JsonNode> entry : leaves(en, "")) {
      String path = entry.getKey();
      JsonNode english = entry.getValue();
      JsonNode chineseValue = zh.at(path);
      if (chineseValue.isMissingNode()) {
        missing.add(path);
        continue;
      }
      if (!english.isTextual()) {
        continue; // numbers such as the first day of the week
      }
      String enText = english.asText();
      String zhText = chineseValue.asText();
      if (zhText.isBlank() && !enText.isBlank()) {
        empty.add(path);
      }
      if (!tokens(enText).equals(tokens(zhText))) {
        placeholders.add(path + ": " + tokens(enText) + " vs " + tokens(zhText));
      }
      if (enText.chars().anyMatch(Character::isLetter)) {
        texts++;
        chinese += CJK.matcher(zhText).find() ? 1 : 0;
      }
    }
    SoftAssertions soft = new SoftAssertions(); // report every kind of gap of an app at once
    soft.assertThat(missing).as(app + ": keys of the 7.24 en.json missing in zh.json").isEmpty();
    soft.assertThat(empty).as(app + ": empty Chinese values").isEmpty();
    soft.assertThat(placeholders).as(app + ": placeholders or tags changed").isEmpty();
    // Product names, formats and abbreviations (Camunda, JSON, CSV, ID, HH:mm) stay Latin; everything else
    // is translated. A copied English file would fail here.
    soft.assertThat(chinese).as(app + ": values written in Chinese").isGreaterThanOrEqualTo(texts * 95 / 100);
    soft.assertAll();
  }

  private static List<String> tokens(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group().replace(" ", ""));
    }
    found.sort(null);
    return found;
  }

  /** Leaves addressed as JSON pointers, array items included (month and weekday names). */
  private static List<Map.Entry<String, JsonNode>> leaves(JsonNode node, String pointer) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.addAll(leaves(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1")));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.addAll(leaves(node.get(i), pointer + "/" + i));
      }
    } else {
      out.add(Map.entry(pointer, node));
    }
    return out;
  }

  static JsonNode read(String resource) throws IOException {
    try (InputStream in = LocaleCompletenessTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " on the classpath").isNotNull();
      return JSON.readTree(in); // Jackson skips the UTF-8 byte order mark the webjar's files start with
    }
  }
}
