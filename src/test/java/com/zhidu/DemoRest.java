package com.zhidu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The REST API as a demo user would call it (HTTP Basic, password = user id), for the *IT suites. */
public final class DemoRest {

  private final TestRestTemplate rest;

  public DemoRest(TestRestTemplate rest) {
    this.rest = rest;
  }

  /** Form values as the REST API takes them: {@code {"name": {"value": …}}}. */
  public static Map<String, Object> variables(Map<String, ?> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }

  /** The one task with that key in the case that the user can see. */
  public String taskOf(String user, String processInstanceId, String key) {
    List<Map<String, Object>> found = listTasks(user, "processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=" + key);
    assertThat(found).as("%s sees %s", user, key).hasSize(1);
    return (String) found.get(0).get("id");
  }

  public List<Map<String, Object>> listTasks(String user, String query) {
    ResponseEntity<List<Map<String, Object>>> response = rest.withBasicAuth(user, user).exchange(
        "/engine-rest/task?" + query, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  public ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }

  public ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
    return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(body),
        new ParameterizedTypeReference<>() {});
  }

  public ResponseEntity<String> postText(String user, String path, Object body) {
    return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(body), String.class);
  }
}
