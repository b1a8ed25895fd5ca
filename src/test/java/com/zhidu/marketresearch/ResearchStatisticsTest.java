package com.zhidu.marketresearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.zhidu.platform.Refusal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** §3.1.3 descriptive statistics and cross-tabulation against values computed by hand; §3.1.2 CSV rules. */
class ResearchStatisticsTest {

  @Test
  void descriptiveStatistics() {
    // 4, 2, 5, 3: mean 3.5, median (3+4)/2 = 3.5, deviations ±0.5 ±1.5 → Σ² = 5, s = √(5/3) = 1.2909944
    ResearchStatistics.Descriptive d = ResearchStatistics.describe(4, 2, 5, 3);
    assertThat(d.count()).isEqualTo(4);
    assertThat(d.mean()).isCloseTo(3.5, within(1e-12));
    assertThat(d.median()).isCloseTo(3.5, within(1e-12));
    assertThat(d.sd()).isCloseTo(1.2909944487, within(1e-9));
    assertThat(d.min()).isEqualTo(2);
    assertThat(d.max()).isEqualTo(5);
    // Odd count: the middle value; one value: sd 0.
    assertThat(ResearchStatistics.describe(1000, 200.5, 3000, 0).median()).isCloseTo(600.25, within(1e-12));
    assertThat(ResearchStatistics.describe(7, 1, 3).median()).isEqualTo(3);
    assertThat(ResearchStatistics.describe(7).sd()).isZero();
    assertThat(ResearchStatistics.describe()).isNull();
  }

  @Test
  void crossTabulation() {
    List<String[]> rows = List.of(new String[] {"北區", "企業"}, new String[] {"北區", "個人"},
        new String[] {"南區", "企業"}, new String[] {"南區", "企業"});
    ResearchStatistics.CrossTab tab = ResearchStatistics.crossTab(rows, r -> r[0], r -> r[1]);
    assertThat(tab.rows()).containsExactly("北區", "南區");
    assertThat(tab.columns()).containsExactly("企業", "個人");
    assertThat(tab.counts()[0]).containsExactly(1, 1);
    assertThat(tab.counts()[1]).containsExactly(2, 0);
    assertThat(tab.columnTotal(0)).isEqualTo(3);
    assertThat(tab.rowTotal(1)).isEqualTo(2);
    assertThat(tab.total()).isEqualTo(4);
  }

  @Test
  void csvRowsAreCheckedOneByOneWithTheirLineNumbers() {
    String csv = "\uFEFFrespondent,region,segment,satisfaction,purchaseIntent,monthlyBudget\r\n"
        + "R1,北區,企業,4,5,1000\r\n"
        + "\"R2\",\"北區, 新竹\",個人,2,3,200.50\r\n"
        + "R3,南區,企業,0,4,3000\r\n"
        + "R4,南區\r\n"
        + "R5,南區,企業,3,2,1.234\r\n";
    Refusal refusal = catchThrowableOfType(Refusal.class, () -> QuestionnaireImport.parse(csv, Set.of("R9")));
    assertThat(refusal.errors()).extracting(Refusal.Error::field).containsExactly("line 4", "line 5", "line 6");
    List<ResearchRepository.Response> ok = QuestionnaireImport.parse(
        "respondent,region,segment,satisfaction,purchaseIntent,monthlyBudget\nR2,\"北區, 新竹\",個人,2,3,200.50\n", Set.of());
    assertThat(ok.get(0).region()).isEqualTo("北區, 新竹");
    assertThat(ok.get(0).monthlyBudgetMinor()).isEqualTo(20050);
    assertThat(catchThrowableOfType(Refusal.class, () -> QuestionnaireImport.parse("a,b\n1,2\n", Set.of())).errors()
        .get(0).field()).isEqualTo("line 1");
  }
}
