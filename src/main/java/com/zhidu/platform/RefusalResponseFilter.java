package com.zhidu.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives a {@link Refusal} its own HTTP status and a JSON body naming each failing field, on the REST
 * API and on the webapps' API (Tasklist shows the {@code message}):
 * {@code {"type":"Refusal","message":"…","errors":[{"field":"amount","messageZh":"…","messageEn":"…"}]}}.
 * The engine would otherwise answer 500 with its wrapper text. Only writing requests are buffered.
 * Registered in {@link RestSecurity}.
 */
public class RefusalResponseFilter extends OncePerRequestFilter {

  private static final ThreadLocal<Refusal> LAST = new ThreadLocal<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Called by every Refusal: remembers the latest refusal raised while serving this request. */
  static void remember(Refusal refusal) {
    LAST.set(refusal);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
        || "OPTIONS".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    LAST.remove();
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, buffered);
      Refusal refusal = LAST.get();
      if (refusal != null && buffered.getStatus() >= 400) {
        buffered.resetBuffer();
        buffered.setStatus(refusal.status());
        buffered.setContentType("application/json;charset=UTF-8");
        buffered.getOutputStream().write(body(refusal));
      }
    } finally {
      LAST.remove();
      buffered.copyBodyToResponse();
    }
  }

  static byte[] body(Refusal refusal) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "Refusal");
    body.put("message", refusal.errors().stream().map(Refusal.Error::messageZh).collect(Collectors.joining("；")));
    body.put("errors", refusal.errors());
    return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
  }
}
