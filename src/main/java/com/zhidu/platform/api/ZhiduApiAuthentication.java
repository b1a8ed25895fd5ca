package com.zhidu.platform.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import com.zhidu.platform.BasicCredentials;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every call to Zhidu's own API ({@code /zhidu/api/*}) and runs it as that user, so engine
 * authorizations, the user operation log and {@code task_action} see the real person. Two ways in:
 * <ul>
 *   <li>HTTP Basic, checked by {@link BasicCredentials} (the identity service's check, login throttling
 *       applies), for scripts and tools;</li>
 *   <li>the Camunda webapp session (a user logged in to Tasklist or Cockpit), for pages in the webapps.
 *       Writing calls on a session must carry the webapp's CSRF token in {@code X-XSRF-TOKEN}: the webapps'
 *       CsrfPreventionFilter covers only {@code /camunda/*}, not this path.</li>
 * </ul>
 * No credentials: 401. Controllers read the user from {@code identityService.getCurrentAuthentication()}.
 */
public class ZhiduApiAuthentication extends OncePerRequestFilter {

  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  /** Where the webapps' CsrfPreventionFilter keeps the session's token (CsrfConstants). */
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";

  private final ProcessEngine engine;
  private final BasicCredentials credentials;

  public ZhiduApiAuthentication(ProcessEngine engine, BasicCredentials credentials) {
    this.engine = engine;
    this.credentials = credentials;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    Authentication user;
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      user = basic(header.substring(6).trim());
    } else {
      user = fromWebappSession(engine, request);
      if (user != null && !isReading(request) && !csrfTokenMatches(request)) {
        deny(response, 403, "缺少或錯誤的 CSRF 權杖", "Missing or wrong CSRF token (X-XSRF-TOKEN)");
        return;
      }
    }
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Zhidu\"");
      deny(response, 401, "請先登入", "Authentication required");
      return;
    }
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication(user);
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  private Authentication basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    return credentials.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)).orElse(null);
  }

  /** The user logged in to the webapps in this HTTP session, for this engine, or null. */
  public static Authentication fromWebappSession(ProcessEngine engine, HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications all = AuthenticationUtil.getAuthsFromSession(session);
    if (all == null || !(all.getAuthenticationForProcessEngine(engine.getName()) instanceof UserAuthentication user)) {
      return null;
    }
    return new Authentication(user.getIdentityId(), user.getGroupIds(), user.getTenantIds());
  }

  private static boolean isReading(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  private static boolean csrfTokenMatches(HttpServletRequest request) {
    Object expected = request.getSession().getAttribute(CSRF_SESSION_ATTRIBUTE);
    String sent = request.getHeader(CSRF_HEADER);
    return expected != null && expected.toString().equals(sent);
  }

  static void deny(HttpServletResponse response, int status, String messageZh, String messageEn) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    String body = "{\"type\":\"Refusal\",\"message\":\"" + messageZh + "\",\"errors\":[{\"field\":null,"
        + "\"messageZh\":\"" + messageZh + "\",\"messageEn\":\"" + messageEn + "\"}]}";
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
