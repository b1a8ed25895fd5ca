package com.zhidu.platform.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Camunda Form (form-js JSON, schemaVersion 16 as bundled by Tasklist 7.24) reduced to what the
 * server checks: the keyed fields with their type, label and rules. Groups are flattened (their
 * fields submit top-level keys); a dynamic list is one field whose value is a list of rows.
 * Features the server cannot check the way the browser does are collected as
 * {@link #unsupportedFeatures()}: the model check refuses such forms, and the validator refuses
 * submissions against them (fail closed).
 */
public final class FormSchema {

  /** Types whose value is submitted under their key. */
  static final Set<String> VALUE_TYPES = Set.of(
      "textfield", "textarea", "number", "checkbox", "select", "radio", "checklist", "taglist", "datetime");
  /** Types that only display something and submit nothing. */
  static final Set<String> DISPLAY_TYPES = Set.of(
      "text", "html", "separator", "spacer", "image", "button", "iframe", "table");
  static final Set<String> OPTION_TYPES = Set.of("select", "radio", "checklist", "taglist");
  static final Set<String> LIST_TYPES = Set.of("checklist", "taglist");
  /** Validation properties form-js evaluates as FEEL when they are "=…" strings. */
  private static final List<String> NUMERIC_RULES = List.of("min", "max", "minLength", "maxLength");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, FormSchema> CACHE = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 500;

  /**
   * One keyed field. {@code options} are the static {@code values[].value}; {@code valuesKey} names the
   * process variable holding dynamic options; {@code rows} are the fields of one dynamic-list row.
   */
  public record Field(
      String key, String label, String type, String subtype,
      boolean required, Integer minLength, Integer maxLength, BigDecimal min, BigDecimal max,
      Pattern pattern, String validationType, Integer decimalDigits, BigDecimal increment,
      boolean serializeToString, List<Object> options, String valuesKey,
      boolean readonly, boolean disabled, Object defaultValue, List<Field> rows) {

    /** The label users see, for messages; the key when the label is missing or an expression. */
    public String displayName() {
      return label == null || label.isBlank() || label.startsWith("=") ? key : label;
    }

    public boolean fixed() {
      return readonly || disabled;
    }
  }

  /**
   * A feature the server cannot check: {@code component} names the component (key or id, type), null for
   * the whole form; messages for process owners (Traditional Chinese) and developers (English).
   */
  public record Problem(String component, String messageZh, String messageEn) {
    @Override
    public String toString() {
      return (component == null ? "" : component + ": ") + messageEn;
    }
  }

  private final String id;
  private final Map<String, Field> fields;
  private final List<Problem> problems;

  private FormSchema(String id, Map<String, Field> fields, List<Problem> problems) {
    this.id = id;
    this.fields = Collections.unmodifiableMap(fields);
    this.problems = List.copyOf(problems);
  }

  /** The form's {@code id} (what {@code camunda:formRef} names). */
  public String id() {
    return id;
  }

  /** Keyed top-level fields (groups flattened), in form order. */
  public Map<String, Field> fields() {
    return fields;
  }

  /**
   * Why the server cannot enforce this form as the browser does (FEEL conditions and expressions,
   * nested data paths, unknown component types, invalid patterns, ...). Empty for a checkable form.
   * ModelChecks should report each entry and refuse the deployment.
   */
  public List<Problem> unsupportedFeatures() {
    return problems;
  }

  /** Parses a form, reusing the parsed schema for identical content (forms are immutable once deployed). */
  public static FormSchema cached(String json) {
    FormSchema schema = CACHE.get(json);
    if (schema == null) {
      schema = parse(json);
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear(); // redeployments add versions; a bounded cache is enough
      }
      CACHE.put(json, schema);
    }
    return schema;
  }

  public static FormSchema parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      return new FormSchema(null, new LinkedHashMap<>(), List.of(new Problem(null, "表單不是有效的 JSON", "form is not valid JSON: " + e.getMessage())));
    }
    if (root == null || !root.isObject()) {
      return new FormSchema(null, new LinkedHashMap<>(), List.of(new Problem(null, "表單不是 JSON 物件", "form is not a JSON object")));
    }
    String id = root.path("id").isTextual() ? root.path("id").asText() : null;
    List<Problem> problems = new ArrayList<>();
    if (id == null) {
      problems.add(new Problem(null, "表單缺少 id", "form has no id"));
    }
    if (!root.path("components").isArray()) {
      problems.add(new Problem(null, "表單缺少 components", "form has no components"));
    }
    Map<String, Field> fields = new LinkedHashMap<>();
    readComponents(root.path("components"), fields, problems);
    return new FormSchema(id, fields, problems);
  }

  private static void readComponents(JsonNode components, Map<String, Field> into, List<Problem> problems) {
    for (JsonNode component : components) {
      String type = component.path("type").asText("");
      String where = describe(component);
      if (component.has("conditional")) {
        problems.add(new Problem(where, "使用 conditional(FEEL 條件顯示),伺服器無法檢查",
            "'conditional' (FEEL show/hide) cannot be checked on the server"));
      }
      if (component.has("readonly") && !component.get("readonly").isBoolean()) {
        problems.add(new Problem(where, "readonly 只能是 true 或 false,不可用運算式",
            "'readonly' must be true or false, not an expression"));
      }
      if (component.has("disabled") && !component.get("disabled").isBoolean()) {
        problems.add(new Problem(where, "disabled 只能是 true 或 false,不可用運算式",
            "'disabled' must be true or false, not an expression"));
      }
      if (component.has("valuesExpression")) {
        problems.add(new Problem(where, "使用 valuesExpression(FEEL 選項),伺服器無法檢查;請用 values 或 valuesKey",
            "'valuesExpression' cannot be checked on the server; use 'values' or 'valuesKey'"));
      }
      if ("group".equals(type)) {
        if (component.hasNonNull("path") && !component.get("path").asText().isEmpty()) {
          problems.add(new Problem(where, "群組不可設定資料路徑 path(巢狀物件)",
              "a group with a data 'path' (nested object) is not supported"));
        }
        readComponents(component.path("components"), into, problems);
      } else if ("dynamiclist".equals(type)) {
        String path = component.path("path").asText("");
        if (path.isEmpty() || path.contains(".")) {
          problems.add(new Problem(where, "動態清單需要不含句點的 path",
              "a dynamic list needs a plain 'path' without dots"));
          continue;
        }
        Map<String, Field> rows = new LinkedHashMap<>();
        readComponents(component.path("components"), rows, problems);
        for (Field row : rows.values()) {
          if (row.rows() != null) {
            problems.add(new Problem(where, "不支援巢狀的動態清單", "nested dynamic lists are not supported"));
          }
        }
        add(into, field(component, path, type, problems, new ArrayList<>(rows.values())), problems);
      } else if (VALUE_TYPES.contains(type)) {
        String key = component.path("key").asText("");
        if (key.isEmpty()) {
          problems.add(new Problem(where, "欄位缺少 key", "a " + type + " field needs a key"));
          continue;
        }
        if (key.contains(".") || key.contains("[")) {
          problems.add(new Problem(where, "key「" + key + "」是巢狀路徑,請用單純的變數名稱",
              "key '" + key + "' is a nested path; use a plain variable name"));
          continue;
        }
        add(into, field(component, key, type, problems, null), problems);
      } else if (!DISPLAY_TYPES.contains(type)) {
        problems.add(new Problem(where, "不支援的元件類型「" + type + "」",
            "component type '" + type + "' is not supported (Tasklist 7.24 / server check)"));
      }
    }
  }

  private static void add(Map<String, Field> into, Field field, List<Problem> problems) {
    if (into.putIfAbsent(field.key(), field) != null) {
      problems.add(new Problem(field.key(), "key「" + field.key() + "」被多個欄位使用",
          "key '" + field.key() + "' is used by more than one field"));
    }
  }

  private static Field field(JsonNode c, String key, String type, List<Problem> problems, List<Field> rows) {
    String where = describe(c);
    JsonNode validate = c.path("validate");
    for (var names = validate.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode rule = validate.get(name);
      if (rule.isTextual() && rule.asText().startsWith("=")) {
        problems.add(new Problem(where, "validate." + name + " 是運算式,請用固定值",
            "validate." + name + " is an expression; use a fixed value"));
      } else if (!Set.of("required", "min", "max", "minLength", "maxLength", "pattern", "validationType")
          .contains(name)) {
        problems.add(new Problem(where, "伺服器不認識 validate." + name,
            "validate." + name + " is not known to the server check"));
      }
    }
    for (String name : NUMERIC_RULES) {
      if (validate.has(name) && !validate.get(name).isNumber()) {
        if (!validate.get(name).asText().startsWith("=")) {
          problems.add(new Problem(where, "validate." + name + " 必須是數字", "validate." + name + " must be a number"));
        }
      }
    }
    Pattern pattern = null;
    if (validate.hasNonNull("pattern") && !validate.get("pattern").asText().isEmpty()) {
      try {
        pattern = Pattern.compile(validate.get("pattern").asText());
      } catch (PatternSyntaxException e) {
        problems.add(new Problem(where, "validate.pattern 不是有效的正規表示式",
            "validate.pattern is not a valid regular expression"));
      }
    }
    String validationType = validate.hasNonNull("validationType") ? validate.get("validationType").asText() : null;
    if (validationType != null && !validationType.isEmpty() && !Set.of("email", "phone").contains(validationType)) {
      problems.add(new Problem(where, "不支援 validate.validationType「" + validationType + "」",
          "validate.validationType '" + validationType + "' is not supported"));
    }
    List<Object> options = null;
    String valuesKey = c.hasNonNull("valuesKey") ? c.get("valuesKey").asText() : null;
    if (OPTION_TYPES.contains(type)) {
      if (c.path("values").isArray()) {
        options = new ArrayList<>();
        for (JsonNode option : c.path("values")) {
          options.add(FormValues.fromJson(option.path("value")));
        }
      } else if (valuesKey == null || valuesKey.isEmpty()) {
        problems.add(new Problem(where, "選項欄位需要 values 或 valuesKey", "options need static 'values' or a 'valuesKey'"));
      }
    }
    if (c.path("increment").isTextual() && c.path("increment").asText().startsWith("=")
        || c.path("decimalDigits").isTextual() && c.path("decimalDigits").asText().startsWith("=")) {
      problems.add(new Problem(where, "increment/decimalDigits 必須是固定數字", "increment/decimalDigits must be fixed numbers"));
    }
    String subtype = "datetime".equals(type) ? c.path("subtype").asText("datetime") : null;
        // datetime fields carry their label as dateLabel/timeLabel.
    String label = c.hasNonNull("label") ? c.get("label").asText()
        : c.hasNonNull("dateLabel") ? c.get("dateLabel").asText() : c.path("timeLabel").asText(null);
    return new Field(key, label, type, subtype,
        validate.path("required").asBoolean(false),
        intOrNull(validate.get("minLength")), intOrNull(validate.get("maxLength")),
        decimalOrNull(validate.get("min")), decimalOrNull(validate.get("max")),
        pattern, validationType == null || validationType.isEmpty() ? null : validationType,
        intOrNull(c.get("decimalDigits")), decimalOrNull(c.get("increment")),
        c.path("serializeToString").asBoolean(false), options, valuesKey,
        c.path("readonly").asBoolean(false), c.path("disabled").asBoolean(false),
        c.has("defaultValue") ? FormValues.fromJson(c.get("defaultValue")) : null,
        rows);
  }

  private static String describe(JsonNode component) {
    String key = component.path("key").asText(component.path("path").asText(""));
    return key.isEmpty() ? component.path("id").asText("?") : key;
  }

  private static Integer intOrNull(JsonNode node) {
    return node != null && node.isNumber() ? node.intValue() : null;
  }

  private static BigDecimal decimalOrNull(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    try {
      return node.isTextual() && !node.asText().isBlank() ? new BigDecimal(node.asText().trim()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
