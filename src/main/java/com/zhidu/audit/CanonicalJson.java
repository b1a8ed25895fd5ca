package com.zhidu.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The audit payload's JSON: exactly what Jackson's ObjectMapper with sorted map keys writes (the payload is hashed
 * into the chain, so not one character may differ), written by hand for the values the payload is made of —
 * strings, integers, booleans, maps with string keys, lists. Jackson's set-up per call (generator, serializer
 * lookups, buffers) was ~3 % of the Java samples per case (docs/performance.md, "Sixth round"). Any other value
 * (a double, a decimal, ...) is still written by Jackson itself. {@code CanonicalJsonTest} compares the two.
 */
final class CanonicalJson {

  static final ObjectMapper JACKSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CanonicalJson() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder(512);
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map && stringKeys(map)) {
      // Jackson sorts a map that is not sorted already by its keys' natural order
      Map<?, ?> sorted = map instanceof SortedMap<?, ?> ? map : new TreeMap<>(map);
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, (String) entry.getKey());
        out.append(':');
        append(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof Collection<?> items) {
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(',');
        }
        first = false;
        append(out, item);
      }
      out.append(']');
    } else {
      out.append(jackson(value));
    }
  }

  private static boolean stringKeys(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /** Jackson's escaping: '"', '\\' and the control characters below 0x20; everything else as it is. */
  private static void string(StringBuilder out, String text) {
    out.append('"');
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(text, start, i).append('\\');
      switch (c) {
        case '"', '\\' -> out.append(c);
        case '\b' -> out.append('b');
        case '\t' -> out.append('t');
        case '\f' -> out.append('f');
        case '\n' -> out.append('n');
        case '\r' -> out.append('r');
        default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
      start = i + 1;
    }
    out.append(text, start, text.length()).append('"');
  }

  static String jackson(Object value) {
    try {
      return JACKSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write an audit payload value of " + value.getClass().getName(), e);
    }
  }
}
