package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.audit.RegulationClauses;
import org.junit.jupiter.api.Test;

/** The clause list the running application uses is the canonical one TraceabilityTest checks. */
class RegulationClausesTest {

  @Test
  void theApplicationsClauseListIsTheCanonicalOne() {
    assertThat(RegulationClauses.IDS).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(TraceabilityTest.REGULATION);
  }
}
