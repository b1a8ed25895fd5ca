package com.zhidu.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The running application serves our Chinese files at the URLs the 7.24 webapps load them from
 * ({@code <root>/app/<app>/locales/<lang>.json} and {@code <root>/app/<app>/scripts/config.js}), i.e. our
 * classpath copies win over the webjar's, and the webjar's English stays available.
 */
@ZhiduTest
class WebappLocaleServingTest {

  @Autowired TestRestTemplate rest;

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "admin", "cockpit"})
  void chineseLocaleAndConfigAreServed(String app) throws Exception {
    ResponseEntity<byte[]> zh = rest.getForEntity("/camunda/app/" + app + "/locales/zh.json", byte[].class);
    assertThat(zh.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new ObjectMapper().readTree(zh.getBody()))
        .isEqualTo(LocaleCompletenessTest.read(
            "META-INF/resources/webjars/camunda/app/" + app + "/locales/zh.json"));

    ResponseEntity<String> en = rest.getForEntity("/camunda/app/" + app + "/locales/en.json", String.class);
    assertThat(en.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(en.getBody()).contains("\"labels\"");

    ResponseEntity<byte[]> config = rest.getForEntity("/camunda/app/" + app + "/scripts/config.js", byte[].class);
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    String js = new String(config.getBody(), StandardCharsets.UTF_8);
    assertThat(js).contains("availableLocales: ['zh', 'en']").contains("fallbackLocale: 'zh'")
        .contains("name: '制度 Zhidu").contains("vendor: '經營管理部'");
  }

  @Test
  void tasklistSpeaksChinese() {
    String zh = rest.getForObject("/camunda/app/tasklist/locales/zh.json", String.class);
    assertThat(zh).contains("\"認領\"").contains("篩選器").contains("到期日");
  }
}
