package com.zhidu.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A browser's webapp session against one node: cookies (JSESSIONID, XSRF-TOKEN) kept by hand. */
final class WebappSession {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  final Map<String, String> cookies = new LinkedHashMap<>();

  /** Loads the Tasklist page, then logs in as a browser does; returns the login's status. */
  int login(NodeProcess node, String user) {
    get(node, "/camunda/app/tasklist/default/");
    HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(node.base()
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user));
    return send(login).statusCode();
  }

  HttpResponse<String> get(NodeProcess node, String path) {
    return send(HttpRequest.newBuilder(URI.create(node.base() + path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
          .collect(Collectors.joining("; ")));
      if (cookies.containsKey("XSRF-TOKEN")) {
        request.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
    }
    try {
      HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  List<String> names() {
    return List.copyOf(cookies.keySet());
  }
}
