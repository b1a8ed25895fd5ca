package com.zhidu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Zhidu's REST API as an employee calls it: HTTP Basic (demo password = user id), JSON in and out. */
final class Rest {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Rest(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Reply(int status, JsonNode body, String text) {}

  Reply get(String user, String path) throws Exception {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Reply post(String user, String path, Object body) throws Exception {
    return post(user, path, body, "application/json");
  }

  /** As Tasklist asks for a filter's tasks: {@code application/hal+json}, which embeds the listed variables. */
  Reply post(String user, String path, Object body, String accept) throws Exception {
    return send(user, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  /** Claims and submits the task's form with these values; returns the submit status. */
  int claimAndSubmit(String user, String taskId, Map<String, ?> values) throws Exception {
    Reply claimed = post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
    if (claimed.status() != 204) {
      throw new IllegalStateException("claim " + taskId + " as " + user + ": " + claimed.status() + " " + claimed.text());
    }
    return submit(user, taskId, values);
  }

  int submit(String user, String taskId, Map<String, ?> values) throws Exception {
    return post(user, "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables(values))).status();
  }

  static Map<String, Object> variables(Map<String, ?> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return variables;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Reply send(String user, HttpRequest.Builder request) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    request.header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(60));
    if (request.build().headers().firstValue("Accept").isEmpty()) {
      request.header("Accept", "application/json");
    }
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String text = response.body();
    JsonNode body = text == null || text.isBlank() || !(text.startsWith("{") || text.startsWith("["))
        ? null : JSON.readTree(text);
    return new Reply(response.statusCode(), body, text);
  }
}
