package com.zhidu.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A node's REST API as an employee calls it: HTTP Basic (demo password = user id), JSON. Stateless, so any
 * node serves any call. An unreachable node answers status 0 (instead of throwing), so load drivers count it
 * like any other failure. (The bench tool's client is package-private to com.zhidu.bench.)
 */
final class NodeRest {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  record Reply(int status, JsonNode body, String text) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  final NodeProcess node;

  NodeRest(NodeProcess node) {
    this.node = node;
  }

  Reply get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(node.base() + path)).GET());
  }

  Reply post(String user, String path, Object body) {
    return send(user, json(HttpRequest.newBuilder(URI.create(node.base() + path)), "POST", body));
  }

  Reply put(String user, String path, Object body) {
    return send(user, json(HttpRequest.newBuilder(URI.create(node.base() + path)), "PUT", body));
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
    try {
      HttpResponse<String> response = HTTP.send(request.header("Authorization", "Basic " + credentials)
          .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = response.body();
      JsonNode body = text == null || !(text.startsWith("{") || text.startsWith("[")) ? null : JSON.readTree(text);
      return new Reply(response.statusCode(), body, text);
    } catch (IOException e) {
      return new Reply(0, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
