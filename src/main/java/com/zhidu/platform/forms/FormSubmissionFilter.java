package com.zhidu.platform.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.platform.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The complete form check for HTTP: every task completion and process start that carries variables,
 * on the REST API ({@code /engine-rest[/engine/{name}]/…}) and on the webapps' API that Tasklist uses
 * ({@code /camunda/api/engine/engine/{name}/…}), is checked against the task's or start event's own
 * deployed form before the engine sees it. Here the submitted variables are known, so undeclared
 * variables and changed read-only fields are refused too.
 *
 * <p>Runs after authentication (order 3, inside {@code RefusalResponseFilter}). The task or process
 * definition is looked up as the requesting user: if the user cannot see it (or is not logged in,
 * or a webapp request lacks its CSRF token) the request passes untouched and the engine or webapp
 * answers 401/403/404 itself, so nobody learns a form's fields that way. Requests this filter cannot
 * parse also pass: the engine refuses malformed bodies itself.
 */
public class FormSubmissionFilter extends OncePerRequestFilter {

  /** task/{id}/complete|submit-form|resolve and process-definition/{id}|key/{key}[/tenant-id/{t}]/start|submit-form. */
  static final Pattern SUBMISSION = Pattern.compile(
      "^(?:/engine-rest(?:/engine/(?<restEngine>[^/]+))?|/camunda/api/engine/engine/(?<webappEngine>[^/]+))"
          + "/(?:task/(?<task>[^/]+)/(?:complete|submit-form|resolve)"
          + "|process-definition/(?:key/(?<key>[^/]+)(?:/tenant-id/(?<tenant>[^/]+))?|(?<definition>[^/]+))"
          + "/(?:start|submit-form))/?$");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessEngine engine;
  private final DeployedForms forms;

  public FormSubmissionFilter(ProcessEngine engine, DeployedForms forms) {
    this.engine = engine;
    this.forms = forms;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher path = SUBMISSION.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!path.matches()) {
      chain.doFilter(request, response);
      return;
    }
    BufferedRequest buffered = new BufferedRequest(request);
    List<Refusal.Error> errors = check(path, buffered);
    if (errors.isEmpty()) {
      chain.doFilter(buffered, response);
      return;
    }
    Refusal refusal = new Refusal(400, errors); // remembered for RefusalResponseFilter, which answers with it
    response.setStatus(400);
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(body(refusal));
  }

  private List<Refusal.Error> check(Matcher path, BufferedRequest request) {
    boolean webapp = path.group("webappEngine") != null;
    String engineName = webapp ? path.group("webappEngine") : path.group("restEngine");
    if (engineName != null && !engineName.equals(engine.getName())) {
      return List.of(); // another engine: not ours to check
    }
    Map<String, Object> submitted;
    try {
      JsonNode body = request.body.length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body);
      if (body == null || !body.isObject()) {
        return List.of();
      }
      submitted = FormValues.fromRest(body.get("variables"));
    } catch (IOException e) {
      return List.of();
    }
    Authentication user = webapp ? webappUser(request, engine.getName()) : engine.getIdentityService().getCurrentAuthentication();
    if (user == null) {
      return List.of();
    }
    try {
      if (path.group("task") != null) {
        return checkTask(decode(path.group("task")), submitted, user);
      }
      return checkStart(path, submitted, user);
    } catch (ProcessEngineException e) {
      return List.of(); // let the engine answer with its own error
    }
  }

  private List<Refusal.Error> checkTask(String taskId, Map<String, Object> submitted, Authentication user) {
    // One engine command for the task as the user sees it, its form and its stored values: the reads inside share
    // its transaction and entity cache instead of opening one each.
    return asUser(user, () -> commands().execute(context -> {
      Task task = engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
      if (task == null) {
        return List.<Refusal.Error>of(); // not visible to this user (or gone): the engine answers 403/404
      }
      Optional<FormSchema> schema = forms.taskForm(taskId, task.getProcessDefinitionId(),
          task.getTaskDefinitionKey(), task.getFormKey(), task.getCamundaFormRef());
      if (schema.isEmpty()) {
        return List.<Refusal.Error>of();
      }
      Map<String, Object> stored = forms.withoutAuthorization(
          () -> FormValues.fromVariables(engine.getTaskService().getVariablesTyped(taskId, false)));
      return FormSchemaValidator.validate(schema.get(), submitted, stored);
    }));
  }

  private CommandExecutor commands() {
    return ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getCommandExecutorTxRequired();
  }

  private List<Refusal.Error> checkStart(Matcher path, Map<String, Object> submitted, Authentication user) {
    ProcessDefinition definition = asUser(user, () -> {
      ProcessDefinitionQuery query = engine.getRepositoryService().createProcessDefinitionQuery();
      if (path.group("definition") != null) {
        return query.processDefinitionId(decode(path.group("definition"))).singleResult();
      }
      query.processDefinitionKey(decode(path.group("key"))).latestVersion();
      // As the REST API resolves a key: the definition of that tenant, or the one without a tenant.
      return path.group("tenant") != null ? query.tenantIdIn(decode(path.group("tenant"))).singleResult()
          : query.withoutTenantId().singleResult();
    });
    if (definition == null) {
      return List.of();
    }
    return forms.startForm(definition.getId())
        .map(schema -> FormSchemaValidator.validate(schema, submitted, Map.of()))
        .orElse(List.of());
  }

  /** Runs a lookup with the request's user, so the engine's authorizations decide what is visible. */
  private <T> T asUser(Authentication user, java.util.function.Supplier<T> lookup) {
    var identity = engine.getIdentityService();
    Authentication previous = identity.getCurrentAuthentication();
    identity.setAuthentication(user);
    try {
      return lookup.get();
    } finally {
      if (previous != null) {
        identity.setAuthentication(previous);
      } else {
        identity.clearAuthentication();
      }
    }
  }

  /**
   * The user logged in to the webapps, read from the session the webapp keeps. Only for requests that
   * carry the session's CSRF token: others are refused by the webapp's CSRF filter after this one.
   */
  static Authentication webappUser(HttpServletRequest request, String engineName) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Object token = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    if (token == null || !token.equals(request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME))) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null
        || !(authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) {
      return null;
    }
    return new Authentication(user.getIdentityId(), user.getGroupIds(), user.getTenantIds());
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }

  static byte[] body(Refusal refusal) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "Refusal");
    body.put("message", refusal.errors().stream().map(Refusal.Error::messageZh).collect(Collectors.joining("；")));
    body.put("errors", refusal.errors());
    return JSON.writeValueAsBytes(body);
  }

  /** The request with its body read once and replayed to the engine. */
  static final class BufferedRequest extends HttpServletRequestWrapper {
    final byte[] body;

    BufferedRequest(HttpServletRequest request) throws IOException {
      super(request);
      this.body = request.getInputStream().readAllBytes();
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
