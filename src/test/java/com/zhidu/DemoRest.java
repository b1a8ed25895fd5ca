package com.zhidu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Zhidu's REST API as an employee calls it: HTTP Basic (demo password = user id), JSON in and out. Used by the
 * suites on the test's own server, the cluster tests on their nodes and the bench. Stateless, so any node serves
 * any call. An unreachable server answers status 0 (instead of throwing), so load drivers count it like any other
 * failure.
 */
public final class DemoRest {

  // As Spring would write the suites' bodies (java.time values as ISO text).
  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
  // One client for all: each HttpClient holds a selector thread, and the suites create a DemoRest per call.
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public record Reply(int status, JsonNode body, String text) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String base;
  private final Duration timeout;

  /** @param timeout how long one call may take before it counts as unanswered (status 0) */
  public DemoRest(String base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  /** The test's own server. */
  public DemoRest(TestRestTemplate rest) {
    this(rest.getRootUri(), Duration.ofSeconds(60));
  }

  /** Form values as the REST API takes them: {@code {"name": {"value": …}}}. */
  public static Map<String, Object> variables(Map<String, ?> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public Reply get(String user, String path) {
    return get(user, path, "application/json");
  }

  /** For a page rather than data, e.g. {@code text/html}. */
  public Reply get(String user, String path, String accept) {
    return send(user, request(path, accept).GET());
  }

  public Reply post(String user, String path, Object body) {
    return post(user, path, body, "application/json");
  }

  /** As Tasklist asks for a filter's tasks: {@code application/hal+json}, which embeds the listed variables. */
  public Reply post(String user, String path, Object body, String accept) {
    return send(user, json(request(path, accept), "POST", body));
  }

  public Reply put(String user, String path, Object body) {
    return send(user, json(request(path, "application/json"), "PUT", body));
  }

  /** The one task with that key in the case that the user can see. */
  public String taskOf(String user, String processInstanceId, String key) {
    JsonNode found = listTasks(user, "processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + key);
    assertThat(found).as("%s sees %s", user, key).hasSize(1);
    return found.get(0).get("id").asText();
  }

  public JsonNode listTasks(String user, String query) {
    Reply reply = get(user, "/engine-rest/task?" + query);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.body();
  }

  /** Claims and submits the task's form with these values; returns the submit status. */
  public int claimAndSubmit(String user, String taskId, Map<String, ?> values) {
    Reply claimed = post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
    if (claimed.status() != 204) {
      throw new IllegalStateException("claim " + taskId + " as " + user + ": " + claimed.status() + " " + claimed.text());
    }
    return submit(user, taskId, values);
  }

  public int submit(String user, String taskId, Map<String, ?> values) {
    return post(user, "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables(values))).status();
  }

  private HttpRequest.Builder request(String path, String accept) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).timeout(timeout);
  }

  private static HttpRequest.Builder json(HttpRequest.Builder request, String method, Object body) {
    try {
      return request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Reply send(String user, HttpRequest.Builder request) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.header("Authorization", "Basic " + credentials).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Reply(0, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Reply(response.statusCode(), parse(response.body()), response.body());
  }

  /** The body as JSON, or null when it is none (empty, HTML, plain text). */
  private static JsonNode parse(String text) {
    if (text == null || !(text.startsWith("{") || text.startsWith("["))) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
