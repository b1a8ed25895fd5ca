package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

@ZhiduIT
class RestAuthenticationIT {

  @Autowired TestRestTemplate rest;

  @Test
  void restWithoutCredentialsIsRefused() {
    var response = rest.getForEntity("/engine-rest/task", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void restWithDemoCredentialsAnswers() {
    var response = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/engine-rest/task?maxResults=10", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
