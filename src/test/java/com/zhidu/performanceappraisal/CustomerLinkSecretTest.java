package com.zhidu.performanceappraisal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The key signing customers' appraisal links: only the demo may run on the fixed demo key. */
class CustomerLinkSecretTest {

  private static final String URL = "http://localhost:8080";

  @Test
  void outsideTheDemoAMissingOrShortKeyStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> new CustomerLinks(null, null, "", false, URL))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ZHIDU_APPRAISAL_LINK_SECRET");
    assertThatThrownBy(() -> new CustomerLinks(null, null, "short", false, URL))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 16");
  }

  @Test
  void theDemoFallsBackToItsKeyAndAConfiguredKeyIsTakenEverywhere() {
    assertThatCode(() -> new CustomerLinks(null, null, "", true, URL)).doesNotThrowAnyException();
    assertThatCode(() -> new CustomerLinks(null, null, "a-real-key-of-32-random-characters", false, URL))
        .doesNotThrowAnyException();
  }
}
