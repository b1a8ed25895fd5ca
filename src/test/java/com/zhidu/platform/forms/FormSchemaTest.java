package com.zhidu.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link FormSchema} reads, and which form features the model check must refuse. */
class FormSchemaTest {

  private static FormSchema parse(String components) {
    return FormSchema.parse("{\"id\":\"f\",\"type\":\"default\",\"components\":[" + components + "]}");
  }

  @Test
  void readsFieldsWithTheirRules() {
    FormSchema schema = parse("{\"type\":\"textfield\",\"id\":\"t\",\"key\":\"title\",\"label\":\"標題\","
        + "\"validate\":{\"required\":true,\"minLength\":2,\"maxLength\":200,\"pattern\":\"^a\"}},"
        + "{\"type\":\"select\",\"id\":\"s\",\"key\":\"level\",\"label\":\"等級\",\"values\":[{\"label\":\"一\",\"value\":\"1\"}]}");
    assertThat(schema.id()).isEqualTo("f");
    assertThat(schema.unsupportedFeatures()).isEmpty();
    var title = schema.fields().get("title");
    assertThat(title.required()).isTrue();
    assertThat(title.minLength()).isEqualTo(2);
    assertThat(title.maxLength()).isEqualTo(200);
    assertThat(title.pattern().pattern()).isEqualTo("^a");
    assertThat(title.displayName()).isEqualTo("標題");
    assertThat(schema.fields().get("level").options()).containsExactly("1");
  }

  @Test
  void cachedReturnsTheSameParsedSchemaForTheSameContent() {
    String json = "{\"id\":\"c\",\"components\":[]}";
    assertThat(FormSchema.cached(json)).isSameAs(FormSchema.cached(json));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      conditional          | {"type":"textfield","id":"a","key":"a","conditional":{"hide":"=b"}}
      readonly expression  | {"type":"textfield","id":"a","key":"a","readonly":"=b"}
      disabled expression  | {"type":"textfield","id":"a","key":"a","disabled":"=b"}
      valuesExpression     | {"type":"select","id":"a","key":"a","valuesExpression":"=opts"}
      validate expression  | {"type":"number","id":"a","key":"a","validate":{"max":"=limit"}}
      dotted key           | {"type":"textfield","id":"a","key":"a.b"}
      group with path      | {"type":"group","id":"g","path":"address","components":[]}
      filepicker           | {"type":"filepicker","id":"a","key":"a"}
      expression field     | {"type":"expression","id":"a","key":"a","expression":"=1"}
      unknown type         | {"type":"signature","id":"a","key":"a"}
      missing key          | {"type":"textfield","id":"a"}
      invalid pattern      | {"type":"textfield","id":"a","key":"a","validate":{"pattern":"(["}}
      unknown rule         | {"type":"textfield","id":"a","key":"a","validate":{"custom":"x"}}
      options missing      | {"type":"radio","id":"a","key":"a"}
      duplicate key        | {"type":"textfield","id":"a","key":"a"},{"type":"number","id":"b","key":"a"}
      dynamic list no path | {"type":"dynamiclist","id":"l","components":[]}
      """)
  void uncheckableFeaturesAreReported(String feature, String components) {
    assertThat(parse(components).unsupportedFeatures()).as(feature).isNotEmpty().allSatisfy(problem -> {
      assertThat(problem.messageZh()).isNotBlank();
      assertThat(problem.messageEn()).isNotBlank();
    });
  }

  @Test
  void problemsNameTheComponent() {
    assertThat(parse("{\"type\":\"textfield\",\"id\":\"Field_a\",\"key\":\"amount\",\"conditional\":{\"hide\":\"=b\"}}")
        .unsupportedFeatures()).singleElement().satisfies(problem -> {
          assertThat(problem.component()).isEqualTo("amount");
          assertThat(problem.messageZh()).contains("conditional");
        });
  }

  @Test
  void notJsonIsReported() {
    assertThat(FormSchema.parse("<html/>").unsupportedFeatures()).isNotEmpty();
  }
}
