package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.platform.CycleTimeStatistics.Figures;
import com.zhidu.platform.CycleTimeStatistics.Sample;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CycleTimeStatisticsTest {

  @Test
  void nearestRankPercentilesAreObservedValues() {
    List<Long> ten = LongStream.rangeClosed(1, 10).map(i -> i * 100).boxed().toList(); // 100 … 1000, shuffled below
    List<Long> shuffled = List.of(700L, 100L, 1000L, 300L, 900L, 200L, 500L, 800L, 400L, 600L);
    assertThat(shuffled).containsExactlyInAnyOrderElementsOf(ten);
    assertThat(CycleTimeStatistics.percentile(shuffled, 50)).isEqualTo(500L); // rank ceil(5.0) = 5
    assertThat(CycleTimeStatistics.percentile(shuffled, 90)).isEqualTo(900L); // rank ceil(9.0) = 9
    assertThat(CycleTimeStatistics.percentile(shuffled, 91)).isEqualTo(1000L); // rank ceil(9.1) = 10
    assertThat(CycleTimeStatistics.percentile(shuffled, 100)).isEqualTo(1000L);
  }

  @Test
  void smallSetsAndTheEvenMedian() {
    assertThat(CycleTimeStatistics.percentile(List.of(42L), 50)).isEqualTo(42L);
    assertThat(CycleTimeStatistics.percentile(List.of(42L), 90)).isEqualTo(42L);
    assertThat(CycleTimeStatistics.percentile(List.of(30L, 10L), 50)).isEqualTo(10L); // lower middle
    assertThat(CycleTimeStatistics.percentile(List.of(30L, 10L), 90)).isEqualTo(30L);
    assertThat(CycleTimeStatistics.percentile(List.of(5L, 1L, 3L), 50)).isEqualTo(3L);
    assertThat(CycleTimeStatistics.percentile(List.of(), 50)).isNull();
    assertThatThrownBy(() -> CycleTimeStatistics.percentile(List.of(1L), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overdueShareCountsOnlyItemsWithADueDate() {
    Figures figures = CycleTimeStatistics.of(List.of(
        new Sample(3_600_000, true, true),
        new Sample(7_200_000, true, false),
        new Sample(60_000, false, false),
        new Sample(90_000_000, true, true)));
    assertThat(figures.count()).isEqualTo(4);
    assertThat(figures.withDueDate()).isEqualTo(3);
    assertThat(figures.overdue()).isEqualTo(2);
    assertThat(figures.overdueShare()).isEqualTo(2.0 / 3);
    assertThat(figures.medianMs()).isEqualTo(3_600_000L);
    assertThat(figures.median()).isEqualTo("1小時");
    assertThat(figures.p90Ms()).isEqualTo(90_000_000L);
    assertThat(figures.p90()).isEqualTo("1天1小時");
  }

  @Test
  void nothingMeasuredGivesNulls() {
    Figures none = CycleTimeStatistics.of(List.of());
    assertThat(none.count()).isZero();
    assertThat(none.medianMs()).isNull();
    assertThat(none.overdueShare()).isNull();
    assertThat(CycleTimeStatistics.of(List.of(new Sample(1000, false, false))).overdueShare()).isNull();
  }

  @Test
  void humanReadableDurations() {
    assertThat(CycleTimeStatistics.humanReadable(45_000L)).isEqualTo("45秒");
    assertThat(CycleTimeStatistics.humanReadable(5_400_000L)).isEqualTo("1小時30分");
    assertThat(CycleTimeStatistics.humanReadable(2 * 86_400_000L)).isEqualTo("2天");
    assertThat(CycleTimeStatistics.humanReadable((2 * 24 + 3) * 3_600_000L + 900_000L)).isEqualTo("2天3小時");
  }
}
