package com.zhidu.platform.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Turns submitted and stored variables into plain Java values the validator understands: String,
 * Number, Boolean, java.util.Date, List, Map, null. A value that cannot be read as one of these
 * (bytes, files, Java-serialised objects, a REST value that does not fit its declared type) becomes
 * an {@link Unreadable}, which fits no form field.
 */
public final class FormValues {

  /** A submitted value of a type no form field accepts. */
  public record Unreadable(String type) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The REST API's date format (engine default {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}). */
  private static final String REST_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

  private FormValues() {}

  /**
   * The {@code variables} object of a REST body ({@code {"x":{"value":..,"type":"String"}}}) as Java
   * values, the way the engine's REST layer would type them. Null or missing gives an empty map.
   */
  public static Map<String, Object> fromRest(JsonNode variables) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (variables == null || variables.isNull() || !variables.isObject()) {
      return values;
    }
    variables.fields().forEachRemaining(e -> values.put(e.getKey(), fromRestValue(e.getValue())));
    return values;
  }

  static Object fromRestValue(JsonNode dto) {
    if (dto == null || !dto.isObject()) {
      return new Unreadable("invalid");
    }
    JsonNode value = dto.path("value");
    String type = dto.hasNonNull("type") ? dto.get("type").asText() : null;
    if (value.isMissingNode() || value.isNull()) {
      return type == null || "Null".equalsIgnoreCase(type) || isPrimitive(type) ? null : new Unreadable(type);
    }
    if (type == null) {
      return fromJson(value); // untyped: the engine infers the type from the JSON value
    }
    try {
      switch (type.toLowerCase()) {
        case "string":
          return value.isValueNode() ? value.asText() : new Unreadable(type);
        case "boolean":
          return value.isBoolean() ? value.booleanValue()
              : value.isTextual() && ("true".equals(value.asText()) || "false".equals(value.asText()))
                  ? Boolean.valueOf(value.asText()) : new Unreadable(type);
        case "integer":
          return JSON.convertValue(value, Integer.class);
        case "long":
          return JSON.convertValue(value, Long.class);
        case "short":
          return JSON.convertValue(value, Short.class);
        case "double":
          return JSON.convertValue(value, Double.class);
        case "date":
          return new SimpleDateFormat(REST_DATE_FORMAT).parse(value.asText());
        case "json":
          // Tasklist sends lists (checklist, taglist, dynamic list) as Json with a JSON string value.
          return value.isTextual() ? fromJson(JSON.readTree(value.asText())) : fromJson(value);
        case "object":
          String format = dto.path("valueInfo").path("serializationDataFormat").asText("");
          return format.startsWith("application/json") && value.isTextual()
              ? fromJson(JSON.readTree(value.asText())) : new Unreadable(type);
        default:
          return new Unreadable(type);
      }
    } catch (IllegalArgumentException | IOException | ParseException e) {
      return new Unreadable(type);
    }
  }

  private static boolean isPrimitive(String type) {
    return List.of("string", "boolean", "integer", "long", "short", "double", "date")
        .contains(type.toLowerCase());
  }

  /** A JSON node as Java values (numbers as Integer/Long/Double, arrays as List, objects as Map). */
  public static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? node.longValue() : node.decimalValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(fromJson(item)));
      return list;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), fromJson(e.getValue())));
      return map;
    }
    return new Unreadable(node.getNodeType().name());
  }

  /** Engine variables (read without deserialising) as Java values. */
  public static Map<String, Object> fromVariables(VariableMap variables) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : variables.keySet()) {
      TypedValue value = variables.getValueTyped(name);
      values.put(name, fromTyped(value));
    }
    return values;
  }

  public static Object fromTyped(TypedValue typed) {
    if (typed == null || typed.getValue() == null && !(typed instanceof SerializableValue)) {
      return null;
    }
    if (typed instanceof PrimitiveValue<?> primitive) {
      return primitive.getValue();
    }
    if (typed instanceof ObjectValue object && object.isDeserialized()) {
      Object value = object.getValue();
      return value instanceof List || value instanceof Map ? JSON.convertValue(value, Object.class) : new Unreadable("Object");
    }
    if (typed instanceof SerializableValue serializable) {
      // Json (Spin) and JSON-serialised Object values: read their serialised form.
      String format = serializable.getSerializationDataFormat();
      String serialized = serializable.getValueSerialized();
      if (serialized != null && (format == null || format.startsWith("application/json"))) {
        try {
          return fromJson(JSON.readTree(serialized));
        } catch (IOException e) {
          return new Unreadable(typed.getType() == null ? "?" : typed.getType().getName());
        }
      }
    }
    return new Unreadable(typed.getType() == null ? "?" : typed.getType().getName());
  }
}
