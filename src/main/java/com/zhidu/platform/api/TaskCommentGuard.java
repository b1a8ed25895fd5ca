package com.zhidu.platform.api;

import com.zhidu.platform.CaseParticipants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Case comments (§6.1.2) through Camunda's own endpoints ({@code …/task/{id}/comment…},
 * {@code …/process-instance/{id}/comment…}), which Tasklist uses. The engine guards them by task permissions
 * only, which anyone granted the task has; this filter adds the case rule of {@link CaseCommentController}:
 * only the case's participants write, only participants, auditors and administrators read. (Participants
 * without permissions on a task still get the engine's 404 there; they read everything via the Zhidu API.)
 * Requests without a known user or case are left to the engine.
 */
public class TaskCommentGuard extends OncePerRequestFilter {

  private static final Pattern TASK_COMMENT = Pattern.compile("/task/([^/]+)/comment(/.*)?$");
  private static final Pattern INSTANCE_COMMENT = Pattern.compile("/process-instance/([^/]+)/comment(/.*)?$");

  private final ProcessEngine engine;
  private final CaseParticipants participants;

  public TaskCommentGuard(ProcessEngine engine, CaseParticipants participants) {
    this.engine = engine;
    this.participants = participants;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher task = TASK_COMMENT.matcher(path);
    Matcher instance = INSTANCE_COMMENT.matcher(path);
    String caseId = task.find() ? participants.caseOfTask(task.group(1))
        : instance.find() ? instance.group(1) : null;
    if (caseId == null) {
      chain.doFilter(request, response); // not a comment request: no user to look up
      return;
    }
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null) {
      user = ZhiduApiAuthentication.fromWebappSession(engine, request);
    }
    if (user != null) {
      boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
      boolean allowed = reading ? participants.mayRead(caseId, user) : participants.isParticipant(caseId, user);
      if (!allowed) {
        ZhiduApiAuthentication.deny(response, 403, "只有參與本案的人員可以查看或新增意見（§6.1.2）",
            "Only people involved in this case may read or add its comments (§6.1.2).");
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
