package com.zhidu.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule of {@link FormSchemaValidator}, accepted and refused, on hand-written forms. */
class FormSchemaValidatorTest {

  private static FormSchema form(String components) {
    FormSchema schema = FormSchema.parse("{\"id\":\"test-form\",\"type\":\"default\",\"components\":[" + components + "]}");
    assertThat(schema.unsupportedFeatures()).isEmpty();
    return schema;
  }

  private static List<Refusal.Error> check(FormSchema schema, Map<String, Object> submitted) {
    return FormSchemaValidator.validate(schema, submitted, Map.of());
  }

  private static Map<String, Object> values(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static void refused(List<Refusal.Error> errors, String field, String zhPart) {
    assertThat(errors).as("errors").anySatisfy(e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.messageZh()).contains(zhPart);
      assertThat(e.messageEn()).contains("\"" + field + "\"");
    });
  }

  static final String AMOUNT = "{\"type\":\"number\",\"id\":\"a\",\"key\":\"amount\",\"label\":\"金額\","
      + "\"validate\":{\"required\":true,\"min\":1,\"max\":100}}";
  static final String NAME = "{\"type\":\"textfield\",\"id\":\"n\",\"key\":\"name\",\"label\":\"姓名\","
      + "\"validate\":{\"minLength\":2,\"maxLength\":5}}";

  @Test
  void requiredFieldMustHaveAValue() {
    FormSchema schema = form(AMOUNT);
    refused(check(schema, values()), "amount", "「金額」為必填欄位");
    refused(check(schema, values("amount", null)), "amount", "必填");
    assertThat(check(schema, values("amount", 5))).isEmpty();
  }

  @Test
  void requiredCanBeMetByTheStoredValue() {
    FormSchema schema = form(AMOUNT);
    assertThat(FormSchemaValidator.validate(schema, values(), values("amount", 5L))).isEmpty();
  }

  @Test
  void requiredTextAndListAndCheckbox() {
    FormSchema schema = form("{\"type\":\"textfield\",\"id\":\"t\",\"key\":\"t\",\"label\":\"文字\",\"validate\":{\"required\":true}},"
        + "{\"type\":\"checkbox\",\"id\":\"c\",\"key\":\"c\",\"label\":\"同意\",\"validate\":{\"required\":true}},"
        + "{\"type\":\"checklist\",\"id\":\"l\",\"key\":\"l\",\"label\":\"清單\",\"values\":[{\"label\":\"A\",\"value\":\"a\"}],"
        + "\"validate\":{\"required\":true}}");
    List<Refusal.Error> errors = check(schema, values("t", "", "c", false, "l", List.of()));
    refused(errors, "t", "必填");
    refused(errors, "c", "必填");
    refused(errors, "l", "必填");
    assertThat(check(schema, values("t", "x", "c", true, "l", List.of("a")))).isEmpty();
  }

  @Test
  void numberLimits() {
    FormSchema schema = form(AMOUNT);
    refused(check(schema, values("amount", 0)), "amount", "不可小於 1");
    refused(check(schema, values("amount", 101L)), "amount", "不可大於 100");
    refused(check(schema, values("amount", 100.5)), "amount", "不可大於 100");
    assertThat(check(schema, values("amount", 1))).isEmpty();
    assertThat(check(schema, values("amount", 100.0))).isEmpty();
  }

  @Test
  void numberType() {
    FormSchema schema = form(AMOUNT);
    refused(check(schema, values("amount", "50")), "amount", "必須是數字");
    refused(check(schema, values("amount", true)), "amount", "必須是數字");
    refused(check(schema, values("amount", Double.NaN)), "amount", "必須是數字");
    refused(check(schema, values("amount", new FormValues.Unreadable("Bytes"))), "amount", "必須是數字");
  }

  @Test
  void numberSerializedAsString() {
    FormSchema schema = form("{\"type\":\"number\",\"id\":\"r\",\"key\":\"rate\",\"label\":\"比率\",\"serializeToString\":true,"
        + "\"validate\":{\"max\":1}}");
    assertThat(check(schema, values("rate", "0.5"))).isEmpty();
    refused(check(schema, values("rate", "abc")), "rate", "必須是數字");
    refused(check(schema, values("rate", "2")), "rate", "不可大於 1");
  }

  @Test
  void decimalDigitsAndIncrement() {
    FormSchema schema = form("{\"type\":\"number\",\"id\":\"a\",\"key\":\"price\",\"label\":\"價格\",\"decimalDigits\":2},"
        + "{\"type\":\"number\",\"id\":\"q\",\"key\":\"qty\",\"label\":\"數量\",\"decimalDigits\":0,\"increment\":\"5\"}");
    assertThat(check(schema, values("price", 1.25, "qty", 15))).isEmpty();
    refused(check(schema, values("price", 1.255)), "price", "最多只能有 2 位小數");
    refused(check(schema, values("qty", 2.5)), "qty", "必須是整數");
    refused(check(schema, values("qty", 7)), "qty", "必須是 5 的倍數");
  }

  @Test
  void textLengthsCountTheTrimmedText() {
    FormSchema schema = form(NAME);
    refused(check(schema, values("name", "a")), "name", "至少需要 2 個字元");
    refused(check(schema, values("name", "abcdef")), "name", "最多只能有 5 個字元");
    assertThat(check(schema, values("name", "  abcde  "))).isEmpty(); // as form-js: trimmed length
    assertThat(check(schema, values("name", ""))).isEmpty(); // empty skips every rule but required
  }

  @Test
  void textType() {
    FormSchema schema = form(NAME);
    refused(check(schema, values("name", 12)), "name", "必須是文字");
    refused(check(schema, values("name", List.of("ab"))), "name", "必須是文字");
  }

  @Test
  void patternMatchesLikeJavaScriptRegExpTest() {
    FormSchema anchored = form("{\"type\":\"textfield\",\"id\":\"c\",\"key\":\"code\",\"label\":\"編號\","
        + "\"validate\":{\"pattern\":\"^[A-Z]{2}-\\\\d{3}$\"}}");
    assertThat(check(anchored, values("code", "AB-123"))).isEmpty();
    refused(check(anchored, values("code", "AB-1234")), "code", "格式不正確");
    FormSchema unanchored = form("{\"type\":\"textfield\",\"id\":\"c\",\"key\":\"code\",\"label\":\"編號\","
        + "\"validate\":{\"pattern\":\"[0-9]+\"}}");
    assertThat(check(unanchored, values("code", "abc1"))).isEmpty();
    refused(check(unanchored, values("code", "abc")), "code", "格式不正確");
  }

  @Test
  void emailAndPhone() {
    FormSchema schema = form("{\"type\":\"textfield\",\"id\":\"e\",\"key\":\"mail\",\"label\":\"信箱\",\"validate\":{\"validationType\":\"email\"}},"
        + "{\"type\":\"textfield\",\"id\":\"p\",\"key\":\"tel\",\"label\":\"電話\",\"validate\":{\"validationType\":\"phone\"}}");
    assertThat(check(schema, values("mail", "lina@zhidu.example", "tel", "+886212345678"))).isEmpty();
    List<Refusal.Error> errors = check(schema, values("mail", "lina@", "tel", "12345"));
    refused(errors, "mail", "電子郵件");
    refused(errors, "tel", "電話號碼");
  }

  @Test
  void checkboxIsBoolean() {
    FormSchema schema = form("{\"type\":\"checkbox\",\"id\":\"u\",\"key\":\"urgent\",\"label\":\"緊急\"}");
    assertThat(check(schema, values("urgent", true))).isEmpty();
    assertThat(check(schema, values("urgent", false))).isEmpty();
    refused(check(schema, values("urgent", "yes")), "urgent", "必須是「是」或「否」");
  }

  @Test
  void selectAndRadioTakeOnlyOfferedOptions() {
    FormSchema schema = form("{\"type\":\"select\",\"id\":\"s\",\"key\":\"priority\",\"label\":\"優先級\","
        + "\"values\":[{\"label\":\"低\",\"value\":\"low\"},{\"label\":\"高\",\"value\":\"high\"}]},"
        + "{\"type\":\"radio\",\"id\":\"r\",\"key\":\"kind\",\"label\":\"類別\",\"values\":[{\"label\":\"A\",\"value\":\"a\"}]}");
    assertThat(check(schema, values("priority", "low", "kind", "a"))).isEmpty();
    List<Refusal.Error> errors = check(schema, values("priority", "urgent", "kind", List.of("a")));
    refused(errors, "priority", "不在可選項目中");
    refused(errors, "kind", "不在可選項目中");
  }

  @Test
  void dynamicOptionsComeFromTheNamedVariable() {
    FormSchema schema = form("{\"type\":\"select\",\"id\":\"o\",\"key\":\"owner\",\"label\":\"負責人\",\"valuesKey\":\"owners\"},"
        + "{\"type\":\"taglist\",\"id\":\"t\",\"key\":\"tags\",\"label\":\"標籤\",\"valuesKey\":\"tagOptions\"}");
    Map<String, Object> stored = values(
        "owners", List.of(Map.of("label", "李娜", "value", "lina"), Map.of("label", "王芳", "value", "wangfang")),
        "tagOptions", List.of("x", "y"));
    assertThat(FormSchemaValidator.validate(schema, values("owner", "lina", "tags", List.of("x", "y")), stored)).isEmpty();
    List<Refusal.Error> errors = FormSchemaValidator.validate(schema, values("owner", "demo", "tags", List.of("z")), stored);
    refused(errors, "owner", "不在可選項目中");
    refused(errors, "tags", "不在可選項目中");
    // No options stored: nothing can be chosen.
    refused(check(schema, values("owner", "lina")), "owner", "不在可選項目中");
  }

  @Test
  void checklistIsAListOfOptions() {
    FormSchema schema = form("{\"type\":\"checklist\",\"id\":\"l\",\"key\":\"regions\",\"label\":\"區域\","
        + "\"values\":[{\"label\":\"北\",\"value\":\"north\"},{\"label\":\"南\",\"value\":\"south\"}]}");
    assertThat(check(schema, values("regions", List.of("north", "south")))).isEmpty();
    refused(check(schema, values("regions", List.of("north", "east"))), "regions", "不在可選項目中");
    refused(check(schema, values("regions", "north")), "regions", "必須是選項清單");
  }

  @Test
  void datetimeSubtypes() {
    FormSchema schema = form("{\"type\":\"datetime\",\"id\":\"d\",\"key\":\"day\",\"subtype\":\"date\",\"dateLabel\":\"日期\"},"
        + "{\"type\":\"datetime\",\"id\":\"t\",\"key\":\"time\",\"subtype\":\"time\",\"timeLabel\":\"時間\"},"
        + "{\"type\":\"datetime\",\"id\":\"x\",\"key\":\"at\",\"subtype\":\"datetime\",\"dateLabel\":\"時刻\"}");
    assertThat(check(schema, values("day", "2026-11-27", "time", "14:30", "at", "2026-11-27T14:30"))).isEmpty();
    assertThat(check(schema, values("time", "14:30+08:00", "at", "2026-11-27T14:30Z"))).isEmpty();
    assertThat(check(schema, values("day", new Date()))).isEmpty(); // Java callers may pass a Date
    List<Refusal.Error> errors = check(schema, values("day", "27.11.2026", "time", "2pm", "at", "2026-11-27"));
    refused(errors, "day", "「日期」的日期時間格式不正確");
    refused(errors, "time", "「時間」");
    refused(errors, "at", "「時刻」");
  }

  @Test
  void undeclaredVariablesAreRefused() {
    FormSchema schema = form(NAME);
    List<Refusal.Error> errors = check(schema, values("name", "abc", "approvedBy", "demo"));
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("approvedBy");
      assertThat(e.messageZh()).contains("表單沒有「approvedBy」欄位");
    });
  }

  @Test
  void readonlyFieldsKeepTheirStoredValue() {
    FormSchema schema = form("{\"type\":\"textfield\",\"id\":\"t\",\"key\":\"title\",\"label\":\"標題\",\"readonly\":true},"
        + "{\"type\":\"number\",\"id\":\"n\",\"key\":\"total\",\"label\":\"總額\",\"disabled\":true,\"validate\":{\"max\":1}}");
    Map<String, Object> stored = values("title", "原標題", "total", 500L);
    assertThat(FormSchemaValidator.validate(schema, values("title", "原標題", "total", 500), stored)).isEmpty();
    assertThat(FormSchemaValidator.validate(schema, values(), stored)).isEmpty(); // omitted: unchanged
    List<Refusal.Error> errors = FormSchemaValidator.validate(schema, values("title", "改過", "total", 1), stored);
    refused(errors, "title", "「標題」為唯讀欄位，不可修改");
    refused(errors, "total", "唯讀");
  }

  @Test
  void readonlyAcceptsWhatFormJsResubmitsForTheStoredValue() {
    FormSchema schema = form("{\"type\":\"textfield\",\"id\":\"v\",\"key\":\"version\",\"label\":\"版本\",\"readonly\":true},"
        + "{\"type\":\"textfield\",\"id\":\"t\",\"key\":\"title\",\"label\":\"標題\",\"readonly\":true},"
        + "{\"type\":\"textarea\",\"id\":\"b\",\"key\":\"body\",\"label\":\"內容\",\"readonly\":true}");
    Map<String, Object> stored = values("version", 3L, "title", "第一行\n第二行", "body", "第一行\n第二行");
    // form-js's text field turns numbers into text and line breaks into spaces.
    assertThat(FormSchemaValidator.validate(schema, values("version", "3", "title", "第一行 第二行", "body", "第一行\n第二行"),
        stored)).isEmpty();
    List<Refusal.Error> errors = FormSchemaValidator.validate(schema,
        values("version", "4", "title", "第一行", "body", "第一行 第二行"), stored);
    assertThat(errors).extracting(Refusal.Error::field).containsExactlyInAnyOrder("version", "title", "body");
  }

  @Test
  void readonlyWithoutStoredValueTakesEmptyOrDefault() {
    FormSchema schema = form("{\"type\":\"textfield\",\"id\":\"r\",\"key\":\"ref\",\"label\":\"參考\",\"readonly\":true,\"defaultValue\":\"R-1\"}");
    assertThat(check(schema, values("ref", ""))).isEmpty();
    assertThat(check(schema, values("ref", "R-1"))).isEmpty();
    refused(check(schema, values("ref", "R-2")), "ref", "唯讀");
  }

  @Test
  void groupsAreFlattenedAndDisplayComponentsCarryNoValue() {
    FormSchema schema = form("{\"type\":\"text\",\"id\":\"x\",\"text\":\"說明\"},{\"type\":\"separator\",\"id\":\"s\"},"
        + "{\"type\":\"spacer\",\"id\":\"p\"},{\"type\":\"html\",\"id\":\"h\",\"content\":\"<b>x</b>\"},"
        + "{\"type\":\"group\",\"id\":\"g\",\"label\":\"組\",\"components\":[" + AMOUNT + "]}");
    assertThat(schema.fields()).containsOnlyKeys("amount");
    refused(check(schema, values("amount", 500)), "amount", "不可大於 100");
  }

  @Test
  void dynamicListRowsAreCheckedPerField() {
    FormSchema schema = form("{\"type\":\"dynamiclist\",\"id\":\"l\",\"path\":\"items\",\"label\":\"項目\",\"components\":["
        + "{\"type\":\"textfield\",\"id\":\"n\",\"key\":\"itemName\",\"label\":\"品名\",\"validate\":{\"required\":true}},"
        + "{\"type\":\"number\",\"id\":\"p\",\"key\":\"price\",\"label\":\"單價\",\"validate\":{\"min\":0}}]}");
    assertThat(check(schema, values("items", List.of(Map.of("itemName", "筆", "price", 3))))).isEmpty();
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(Map.of("itemName", "筆", "price", 3));
    rows.add(Map.of("price", -1, "secret", "x"));
    List<Refusal.Error> errors = check(schema, values("items", rows));
    refused(errors, "items[1].itemName", "「品名」為必填欄位");
    refused(errors, "items[1].price", "不可小於 0");
    assertThat(errors).anySatisfy(e -> assertThat(e.field()).isEqualTo("items[1].secret"));
    refused(check(schema, values("items", "x")), "items", "資料列");
  }

  @Test
  void finalValuesCheckSkipsReadonlyAndUndeclared() {
    FormSchema schema = form(AMOUNT + ",{\"type\":\"textfield\",\"id\":\"t\",\"key\":\"title\",\"label\":\"標題\",\"readonly\":true,"
        + "\"validate\":{\"maxLength\":1}}");
    assertThat(FormSchemaValidator.validateFinalValues(schema, values("amount", 5, "title", "long title", "other", 1))).isEmpty();
    refused(FormSchemaValidator.validateFinalValues(schema, values("amount", 500)), "amount", "不可大於 100");
    refused(FormSchemaValidator.validateFinalValues(schema, values()), "amount", "必填");
  }

  @Test
  void formsWithUncheckableFeaturesRefuseEverySubmission() {
    FormSchema schema = FormSchema.parse("{\"id\":\"f\",\"components\":[{\"type\":\"textfield\",\"id\":\"t\",\"key\":\"t\","
        + "\"conditional\":{\"hide\":\"=x\"}}]}");
    assertThat(schema.unsupportedFeatures()).isNotEmpty();
    assertThat(check(schema, values("t", "ok"))).singleElement().satisfies(e -> assertThat(e.field()).isNull());
  }
}
