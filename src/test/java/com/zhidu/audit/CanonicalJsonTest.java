package com.zhidu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The hand-written payload JSON must be Jackson's to the character: it is hashed into the audit chain. */
class CanonicalJsonTest {

  private final Random random = new Random(20261128);

  @Test
  void writesWhatJacksonWritesForTenThousandRandomPayloads() {
    for (int i = 0; i < 10_000; i++) {
      Object value = map(0);
      assertThat(CanonicalJson.write(value)).as("payload %d", i).isEqualTo(CanonicalJson.jackson(value));
    }
  }

  @Test
  void escapesEveryCharacterAsJacksonDoes() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String text = "a" + c + "b";
      assertThat(CanonicalJson.write(text)).as("U+%04X", (int) c).isEqualTo(CanonicalJson.jackson(text));
    }
    assertThat(CanonicalJson.write(Map.of("k\n", "\"\\\u0000\u001f\u007f漢"))).isEqualTo(
        "{\"k\\n\":\"\\\"\\\\\\u0000\\u001F\u007f漢\"}");
  }

  private Object value(int depth) {
    return switch (random.nextInt(depth < 2 ? 12 : 9)) {
      case 0, 1, 2 -> text();
      case 3 -> random.nextInt();
      case 4 -> random.nextLong();
      case 5 -> random.nextBoolean();
      case 6 -> List.of(Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 1e21, 0.1, random.nextDouble() * 1e6)
          .get(random.nextInt(6));
      case 7 -> random.nextBoolean() ? (Object) new BigDecimal("1.50E+3") : (Object) (float) random.nextGaussian();
      case 8 -> null;
      case 9, 10 -> map(depth + 1);
      default -> list(depth + 1);
    };
  }

  private Map<String, Object> map(int depth) {
    Map<String, Object> map = switch (random.nextInt(3)) {
      case 0 -> new TreeMap<>();
      case 1 -> new HashMap<>();
      default -> new LinkedHashMap<>();
    };
    for (int n = random.nextInt(8); n > 0; n--) {
      map.put(text(), value(depth));
    }
    return map;
  }

  private List<Object> list(int depth) {
    List<Object> list = new ArrayList<>();
    for (int n = random.nextInt(5); n > 0; n--) {
      list.add(value(depth));
    }
    return list;
  }

  /** Mostly letters, with control characters, quotes, backslashes, CJK and lone surrogates among them. */
  private String text() {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(12); n > 0; n--) {
      text.append(switch (random.nextInt(6)) {
        case 0 -> (char) random.nextInt(0x20);
        case 1 -> "\"\\/\u007f".charAt(random.nextInt(4));
        case 2 -> (char) (0x4E00 + random.nextInt(0x5000));
        case 3 -> (char) random.nextInt(Character.MAX_VALUE);
        default -> (char) ('a' + random.nextInt(26));
      });
    }
    return text.toString();
  }
}
