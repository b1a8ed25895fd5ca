package com.zhidu.platform.forms;

import com.zhidu.platform.Refusal;
import com.zhidu.platform.forms.FormSchema.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks submitted values against a {@link FormSchema} with the rules form-js applies in the browser
 * (form-js 1.8 as bundled by Tasklist 7.24), plus what only the server can check: the type of each
 * value, undeclared variables and unchanged read-only fields. Pure: no engine access.
 *
 * <p>Rules follow form-js exactly so that what Tasklist accepts is accepted here: an empty value
 * skips every rule except {@code required}; lengths count the trimmed text; {@code pattern} must match
 * somewhere in the value like JavaScript's {@code RegExp.test} (write {@code ^…$} to match the whole
 * value). Read-only and disabled fields are not validated, only compared with their stored value.
 */
public final class FormSchemaValidator {

  // The same expressions as form-js 1.8's validator.
  static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}"
      + "[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
  static final Pattern PHONE = Pattern.compile(PhoneNumbers.PATTERN);

  private FormSchemaValidator() {}

  /**
   * The complete check of one submission (HTTP path, process start).
   *
   * @param submitted the variables sent with the completion or start
   * @param stored the variables the task already sees (empty at process start): read-only fields must keep
   *     them, required fields may rely on them, dynamic options ({@code valuesKey}) come from them
   */
  public static List<Refusal.Error> validate(FormSchema schema, Map<String, Object> submitted,
      Map<String, Object> stored) {
    List<Refusal.Error> errors = new ArrayList<>();
    if (!schema.unsupportedFeatures().isEmpty()) {
      errors.add(new Refusal.Error(null, "此表單使用了伺服器無法檢查的功能，請聯絡流程管理員修正表單",
          "The form uses features the server cannot check: " + schema.unsupportedFeatures()));
      return errors;
    }
    for (String name : submitted.keySet()) {
      if (!schema.fields().containsKey(name)) {
        errors.add(new Refusal.Error(name, "表單沒有「" + name + "」欄位，不可提交此變數",
            "\"" + name + "\" is not a field of this form"));
      }
    }
    for (Field field : schema.fields().values()) {
      boolean present = submitted.containsKey(field.key());
      if (field.fixed()) {
        if (present && !unchanged(field, submitted.get(field.key()), stored)) {
          errors.add(error(field, field.key(), "為唯讀欄位，不可修改", "is read-only and cannot be changed"));
        }
        continue;
      }
      Object value = present ? submitted.get(field.key()) : stored.get(field.key());
      checkField(field, field.key(), value, stored, errors);
    }
    return errors;
  }

  /**
   * The check a listener can make: it sees only the final values, not which of them were submitted.
   * So it checks every editable field's final value, but cannot find undeclared variables or changed
   * read-only fields (the HTTP filter does).
   */
  public static List<Refusal.Error> validateFinalValues(FormSchema schema, Map<String, Object> values) {
    List<Refusal.Error> errors = new ArrayList<>();
    if (!schema.unsupportedFeatures().isEmpty()) {
      return validate(schema, Map.of(), values);
    }
    for (Field field : schema.fields().values()) {
      if (!field.fixed()) {
        checkField(field, field.key(), values.get(field.key()), values, errors);
      }
    }
    return errors;
  }

  private static void checkField(Field field, String name, Object value, Map<String, Object> stored,
      List<Refusal.Error> errors) {
    if (blank(field, value)) {
      if (field.required()) {
        errors.add(error(field, name, "為必填欄位", "is required"));
      }
      return;
    }
    switch (field.type()) {
      case "textfield", "textarea" -> checkText(field, name, value, errors);
      case "number" -> checkNumber(field, name, value, errors);
      case "checkbox" -> {
        if (!(value instanceof Boolean)) {
          errors.add(error(field, name, "必須是「是」或「否」", "must be true or false"));
        }
      }
      case "select", "radio" -> {
        if (value instanceof Collection || value instanceof Map || !isOption(field, value, stored)) {
          errors.add(error(field, name, "的值不在可選項目中", "must be one of the offered options"));
        }
      }
      case "checklist", "taglist" -> {
        if (!(value instanceof List<?> list)) {
          errors.add(error(field, name, "必須是選項清單", "must be a list of options"));
        } else if (!list.stream().allMatch(item -> isOption(field, item, stored))) {
          errors.add(error(field, name, "含有不在可選項目中的值", "contains a value that is not an offered option"));
        }
      }
      case "datetime" -> {
        if (!(value instanceof Date) && !(value instanceof String text && isDateTime(field.subtype(), text))) {
          errors.add(error(field, name, "的日期時間格式不正確", "must be a " + field.subtype() + " in ISO format"));
        }
      }
      case "dynamiclist" -> checkRows(field, name, value, stored, errors);
      default -> errors.add(error(field, name, "的欄位類型無法檢查", "has a type the server cannot check"));
    }
  }

  private static void checkText(Field field, String name, Object value, List<Refusal.Error> errors) {
    if (!(value instanceof String text)) {
      errors.add(error(field, name, "必須是文字", "must be text"));
      return;
    }
    int length = text.trim().length(); // form-js counts the trimmed text
    if (field.minLength() != null && length < field.minLength()) {
      errors.add(error(field, name, "至少需要 " + field.minLength() + " 個字元",
          "must have at least " + field.minLength() + " characters"));
    }
    if (field.maxLength() != null && length > field.maxLength()) {
      errors.add(error(field, name, "最多只能有 " + field.maxLength() + " 個字元",
          "must have at most " + field.maxLength() + " characters"));
    }
    if (field.pattern() != null && !field.pattern().matcher(text).find()) {
      errors.add(error(field, name, "的格式不正確", "must match the pattern " + field.pattern().pattern()));
    }
    if ("email".equals(field.validationType()) && !EMAIL.matcher(text).find()) {
      errors.add(error(field, name, "必須是有效的電子郵件地址", "must be a valid email address"));
    }
    if ("phone".equals(field.validationType()) && !PHONE.matcher(text).find()) {
      errors.add(error(field, name, "必須是有效的國際電話號碼（例如 +886212345678）",
          "must be a valid international phone number (e.g. +886212345678)"));
    }
  }

  private static void checkNumber(Field field, String name, Object value, List<Refusal.Error> errors) {
    BigDecimal number = decimal(value);
    boolean rightType = field.serializeToString() ? value instanceof String || value instanceof Number
        : value instanceof Number;
    if (number == null || !rightType) {
      errors.add(error(field, name, "必須是數字", "must be a number"));
      return;
    }
    if (field.min() != null && number.compareTo(field.min()) < 0) {
      errors.add(error(field, name, "不可小於 " + field.min().toPlainString(),
          "must be at least " + field.min().toPlainString()));
    }
    if (field.max() != null && number.compareTo(field.max()) > 0) {
      errors.add(error(field, name, "不可大於 " + field.max().toPlainString(),
          "must be at most " + field.max().toPlainString()));
    }
    if (field.decimalDigits() != null && field.decimalDigits() >= 0
        && Math.max(0, number.stripTrailingZeros().scale()) > field.decimalDigits()) {
      errors.add(field.decimalDigits() == 0
          ? error(field, name, "必須是整數", "must be a whole number")
          : error(field, name, "最多只能有 " + field.decimalDigits() + " 位小數",
              "must have at most " + field.decimalDigits() + " decimal digits"));
    }
    if (field.increment() != null && field.increment().signum() > 0
        && number.remainder(field.increment()).signum() != 0) {
      errors.add(error(field, name, "必須是 " + field.increment().toPlainString() + " 的倍數",
          "must be a multiple of " + field.increment().toPlainString()));
    }
  }

  private static void checkRows(Field field, String name, Object value, Map<String, Object> stored,
      List<Refusal.Error> errors) {
    if (!(value instanceof List<?> rows)) {
      errors.add(error(field, name, "必須是資料列清單", "must be a list of rows"));
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      String rowName = name + "[" + i + "]";
      if (!(rows.get(i) instanceof Map<?, ?> row)) {
        errors.add(error(field, rowName, "的資料列格式不正確", "must be an object"));
        continue;
      }
      for (Object key : row.keySet()) {
        if (field.rows().stream().noneMatch(f -> f.key().equals(key))) {
          errors.add(new Refusal.Error(rowName + "." + key, "表單沒有「" + key + "」欄位，不可提交此值",
              "\"" + rowName + "." + key + "\" is not a field of this form"));
        }
      }
      for (Field rowField : field.rows()) {
        if (!rowField.fixed()) {
          checkField(rowField, rowName + "." + rowField.key(), row.get(rowField.key()), stored, errors);
        }
      }
    }
  }

  /** Empty as form-js sees it: null, "", an empty list, or an unticked checkbox. */
  static boolean blank(Field field, Object value) {
    return value == null
        || value instanceof String s && s.isEmpty()
        || value instanceof Collection<?> c && c.isEmpty()
        || "checkbox".equals(field.type()) && Boolean.FALSE.equals(value);
  }

  private static boolean isOption(Field field, Object value, Map<String, Object> stored) {
    List<Object> options = field.options() != null ? field.options() : dynamicOptions(stored.get(field.valuesKey()));
    return options.stream().anyMatch(option -> same(option, value));
  }

  /** Options held in a variable: a list of {label, value} objects or of plain values (as Tasklist reads them). */
  static List<Object> dynamicOptions(Object variable) {
    List<Object> options = new ArrayList<>();
    if (variable instanceof List<?> list) {
      for (Object item : list) {
        options.add(item instanceof Map<?, ?> map ? map.get("value") : item);
      }
    }
    return options;
  }

  /**
   * A read-only field keeps its value: the same as stored, or as form-js shows and resubmits the stored
   * value (a text field turns 5 into "5" and line breaks into spaces, an unknown option into null), or
   * (when nothing is stored) empty or the form's default value.
   */
  private static boolean unchanged(Field field, Object submitted, Map<String, Object> stored) {
    Object current = stored.get(field.key());
    if (current != null) {
      return same(current, submitted) || same(asFormJsShows(field, current, stored), submitted);
    }
    return emptyish(submitted) || same(field.defaultValue(), submitted);
  }

  /** The value form-js holds for a stored value after its sanitizeValue (form-js 1.8). */
  static Object asFormJsShows(Field field, Object value, Map<String, Object> stored) {
    return switch (field.type()) {
      case "textfield", "textarea" -> {
        if (value instanceof Collection || value instanceof Map) {
          yield "";
        }
        String text = value instanceof Number ? decimal(value).stripTrailingZeros().toPlainString() : String.valueOf(value);
        yield "textfield".equals(field.type()) ? text.replaceAll("[\\r\\n\\t]", " ") : text;
      }
      case "number" -> decimal(value);
      case "checkbox" -> Boolean.TRUE.equals(value);
      case "select", "radio" -> isOption(field, value, stored) ? value : null;
      default -> value;
    };
  }

  private static boolean emptyish(Object value) {
    return value == null || "".equals(value) || Boolean.FALSE.equals(value)
        || value instanceof Collection<?> c && c.isEmpty();
  }

  /** Equal values; numbers compare by value (form-js submits 5 where a Long 5 is stored). */
  static boolean same(Object a, Object b) {
    if (emptyish(a) && emptyish(b)) {
      return true;
    }
    if (a instanceof Number && b instanceof Number) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
    }
    return Objects.equals(a, b);
  }

  static BigDecimal decimal(Object value) {
    try {
      if (value instanceof BigDecimal d) {
        return d;
      }
      if (value instanceof BigInteger i) {
        return new BigDecimal(i);
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
      }
      if (value instanceof Number n) {
        return BigDecimal.valueOf(n.longValue());
      }
      if (value instanceof String s && !s.isBlank()) {
        return new BigDecimal(s.trim());
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }

  /** The formats form-js writes: date {@code 2026-11-27}, time {@code 14:30[:00][Z|+08:00]}, datetime both joined by T. */
  static boolean isDateTime(String subtype, String text) {
    return switch (subtype == null ? "datetime" : subtype) {
      case "date" -> parses(text, LocalDate::parse);
      case "time" -> parses(text, LocalTime::parse) || parses(text, OffsetTime::parse);
      default -> parses(text, LocalDateTime::parse) || parses(text, OffsetDateTime::parse);
    };
  }

  private static boolean parses(String text, Function<String, ?> parser) {
    try {
      parser.apply(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Refusal.Error error(Field field, String name, String zh, String en) {
    return new Refusal.Error(name, "「" + field.displayName() + "」" + zh, "\"" + name + "\" " + en);
  }
}
