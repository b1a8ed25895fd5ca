package com.zhidu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written time of the hash recipe writes what its documented pattern writes. */
class AuditHashTest {

  @Test
  void theTimeIsWhatThePatternWrites() {
    List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59.999Z"),
        Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-27T08:05:03.040506Z"),
        Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
        Instant.parse("0999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z")));
    Random random = new Random(20261127);
    long lowest = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
    long highest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 10_000; i++) {
      instants.add(Instant.ofEpochSecond(lowest + (long) (random.nextDouble() * (highest - lowest)),
          random.nextInt(1_000_000_000)));
    }
    for (Instant instant : instants) {
      assertThat(AuditHash.time(instant)).as(instant.toString()).isEqualTo(AuditHash.TIME.format(instant));
    }
    assertThat(AuditHash.time(Instant.parse("2026-11-27T08:05:03.040506Z"))).isEqualTo("2026-11-27T08:05:03.040Z");
  }
}
