package com.zhidu.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.zhidu.platform.Refusal;
import com.zhidu.platform.forms.FormSchema.Field;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Walks every form on the classpath ({@code forms/} and the test forms) and, from its own schema,
 * generates a valid submission, which the validator must accept, and one invalid submission per
 * field rule, which it must refuse naming that field. New forms are covered without new tests.
 */
class EveryFormTest {

  /** Tried for fields with a pattern; a form whose required pattern matches none of them is reported. */
  private static final List<String> PATTERN_CANDIDATES = List.of(
      "AB-123", "A", "a", "1", "12345", "2026", "2026-11-27", "lina@zhidu.example", "+886212345678",
      "0912345678", "02-12345678", "ABC", "abc", "測試", "X1", "R-1", "RPT-2026-001", "2026-Q4", "2026-11");

  @TestFactory
  Stream<DynamicNode> everyFormIsCheckable() throws IOException {
    Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form");
    assertThat(resources).as("forms on the classpath").isNotEmpty();
    List<DynamicNode> nodes = new ArrayList<>();
    for (Resource resource : resources) {
      String json = resource.getContentAsString(StandardCharsets.UTF_8);
      FormSchema schema = FormSchema.parse(json);
      nodes.add(DynamicContainer.dynamicContainer(resource.getFilename() + " (" + schema.id() + ")", tests(schema)));
    }
    return nodes.stream();
  }

  private static Stream<DynamicNode> tests(FormSchema schema) {
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(dynamicTest("uses only features the server can check",
        () -> assertThat(schema.unsupportedFeatures()).isEmpty()));
    if (!schema.unsupportedFeatures().isEmpty()) {
      return tests.stream();
    }
    Map<String, Object> stored = storedOptions(schema.fields().values());
    Map<String, Object> valid = new LinkedHashMap<>();
    for (Field field : schema.fields().values()) {
      if (!field.fixed()) {
        valid.put(field.key(), validValue(field));
      }
    }
    tests.add(dynamicTest("a valid submission passes", () -> {
      assertThat(valid).as("a value could be generated for every field (add a candidate to PATTERN_CANDIDATES)")
          .doesNotContainValue(NO_VALUE);
      assertThat(FormSchemaValidator.validate(schema, valid, stored)).isEmpty();
    }));
    tests.add(dynamicTest("an undeclared variable is refused",
        () -> refused(schema, with(valid, "undeclaredVariable", "x"), stored, "undeclaredVariable")));
    for (Field field : schema.fields().values()) {
      String key = field.key();
      if (field.fixed()) {
        Map<String, Object> storedValue = with(stored, key, "stored value");
        tests.add(dynamicTest(key + ": read-only keeps its value", () -> {
          assertThat(FormSchemaValidator.validate(schema, with(valid, key, "stored value"), storedValue)).isEmpty();
          refused(schema, with(valid, key, "changed value"), storedValue, key);
        }));
        continue;
      }
      for (Map.Entry<String, Object> invalid : invalidValues(field).entrySet()) {
        tests.add(dynamicTest(key + ": " + invalid.getKey(),
            () -> refused(schema, with(valid, key, invalid.getValue()), stored, key)));
      }
      if (field.required()) {
        Map<String, Object> without = new HashMap<>(valid);
        without.remove(key);
        tests.add(dynamicTest(key + ": required", () -> refused(schema, without, stored, key)));
      }
    }
    return tests.stream();
  }

  private static void refused(FormSchema schema, Map<String, Object> submitted, Map<String, Object> stored, String key) {
    List<Refusal.Error> errors = FormSchemaValidator.validate(schema, submitted, stored);
    assertThat(errors).as("errors for " + submitted).anySatisfy(e -> {
      assertThat(e.field()).startsWith(key);
      assertThat(e.messageZh()).isNotBlank();
      assertThat(e.messageEn()).isNotBlank();
    });
  }

  private static final Object NO_VALUE = new Object() {
    @Override
    public String toString() {
      return "<no value matches the pattern>";
    }
  };

  /** Options for fields with a valuesKey, as a process would store them. */
  private static Map<String, Object> storedOptions(Iterable<Field> fields) {
    Map<String, Object> stored = new HashMap<>();
    for (Field field : fields) {
      if (field.valuesKey() != null && field.options() == null) {
        stored.put(field.valuesKey(), List.of(Map.of("label", "選項", "value", "option-1")));
      }
      if (field.rows() != null) {
        stored.putAll(storedOptions(field.rows()));
      }
    }
    return stored;
  }

  static Object validValue(Field field) {
    return switch (field.type()) {
      case "textfield", "textarea" -> validText(field);
      case "number" -> {
        BigDecimal number = validNumber(field);
        yield field.serializeToString() ? number.toPlainString() : number.scale() <= 0 ? number.longValue() : number.doubleValue();
      }
      case "checkbox" -> true;
      case "select", "radio" -> firstOption(field);
      case "checklist", "taglist" -> List.of(firstOption(field));
      case "datetime" -> switch (field.subtype()) {
        case "date" -> "2026-11-27";
        case "time" -> "14:30";
        default -> "2026-11-27T14:30";
      };
      case "dynamiclist" -> {
        Map<String, Object> row = new LinkedHashMap<>();
        field.rows().stream().filter(f -> !f.fixed()).forEach(f -> row.put(f.key(), validValue(f)));
        yield List.of(row);
      }
      default -> NO_VALUE;
    };
  }

  private static Object firstOption(Field field) {
    return field.options() != null ? field.options().get(0) : "option-1";
  }

  private static Object validText(Field field) {
    if ("email".equals(field.validationType())) {
      return "lina@zhidu.example";
    }
    if ("phone".equals(field.validationType())) {
      return "+886212345678";
    }
    if (field.pattern() != null) {
      List<String> candidates = new ArrayList<>(PATTERN_CANDIDATES);
      if (field.defaultValue() instanceof String d) {
        candidates.add(0, d);
      }
      Optional<String> match = candidates.stream()
          .filter(c -> field.pattern().matcher(c).find())
          .filter(c -> lengthOk(field, c))
          .findFirst();
      return match.<Object>map(m -> m).orElse(field.required() ? NO_VALUE : "");
    }
    int length = Math.max(1, field.minLength() == null ? 4 : field.minLength());
    if (field.maxLength() != null) {
      length = Math.min(length, field.maxLength());
    }
    return "測".repeat(Math.max(1, length));
  }

  private static boolean lengthOk(Field field, String text) {
    int length = text.trim().length();
    return (field.minLength() == null || length >= field.minLength())
        && (field.maxLength() == null || length <= field.maxLength());
  }

  private static BigDecimal validNumber(Field field) {
    BigDecimal value = field.min() != null ? field.min() : field.max() != null ? field.max().min(BigDecimal.ONE) : BigDecimal.ONE;
    if (field.increment() != null && field.increment().signum() > 0) {
      value = value.divide(field.increment(), 0, RoundingMode.CEILING).multiply(field.increment());
    }
    if (field.decimalDigits() != null) {
      value = value.setScale(field.decimalDigits(), RoundingMode.CEILING);
    }
    return value;
  }

  /** One invalid value per rule the field declares, each expected to be refused naming the field. */
  static Map<String, Object> invalidValues(Field field) {
    Map<String, Object> invalid = new LinkedHashMap<>();
    switch (field.type()) {
      case "textfield", "textarea" -> {
        invalid.put("wrong type", 12345);
        if (field.minLength() != null && field.minLength() > 1) {
          invalid.put("shorter than minLength", "x".repeat(field.minLength() - 1));
        }
        if (field.maxLength() != null) {
          invalid.put("longer than maxLength", "x".repeat(field.maxLength() + 1));
        }
        if (field.pattern() != null && !field.pattern().matcher("!§ no match §!").find()) {
          invalid.put("not matching the pattern", "!§ no match §!");
        }
        if (field.validationType() != null) {
          invalid.put("not a valid " + field.validationType(), "not-valid");
        }
      }
      case "number" -> {
        invalid.put("wrong type", field.serializeToString() ? "not a number" : "123");
        if (field.min() != null) {
          invalid.put("below min", field.min().subtract(BigDecimal.ONE).doubleValue());
        }
        if (field.max() != null) {
          invalid.put("above max", field.max().add(BigDecimal.ONE).doubleValue());
        }
        if (field.decimalDigits() != null) {
          invalid.put("too many decimals", validNumber(field).add(new BigDecimal("0.0001")).doubleValue());
        }
      }
      case "checkbox" -> invalid.put("wrong type", "yes");
      case "select", "radio" -> invalid.put("not an option", "no-such-option");
      case "checklist", "taglist" -> {
        invalid.put("not a list", firstOption(field));
        invalid.put("not an option", List.of("no-such-option"));
      }
      case "datetime" -> invalid.put("not a date", "27/11/2026 2pm");
      case "dynamiclist" -> {
        invalid.put("not a list", "x");
        invalid.put("undeclared column", List.of(Map.of("undeclaredColumn", "x")));
      }
      default -> invalid.put("unknown type", "x");
    }
    return invalid;
  }

  private static Map<String, Object> with(Map<String, Object> values, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(values);
    copy.put(key, value);
    return copy;
  }
}
