package com.zhidu.platform.api;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.Refusal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Case comments (§6.1.2): everything said on a case, on any of its tasks or on the case itself, in one list.
 * Stored as Camunda comments, so Tasklist shows a task's comments too. Participants read and write;
 * auditors and administrators read; nobody else sees anything (403).
 * <pre>
 * GET  /zhidu/api/cases/{processInstanceId}/comments
 * POST /zhidu/api/cases/{processInstanceId}/comments   {"taskId": "…" (optional, an open task of the case), "message": "…"}
 * </pre>
 */
@RestController
@RequestMapping("/zhidu/api/cases/{processInstanceId}/comments")
public class CaseCommentController {

  static final int MAX_LENGTH = 2000;

  public record CommentView(String id, String taskId, String taskName, String userId, String userName,
      Instant time, String message) {}

  public record NewComment(String taskId, String message) {}

  private final ProcessEngine engine;
  private final CaseParticipants participants;
  private final OrganizationService organization;

  public CaseCommentController(ProcessEngine engine, CaseParticipants participants,
      OrganizationService organization) {
    this.engine = engine;
    this.participants = participants;
    this.organization = organization;
  }

  @GetMapping
  public List<CommentView> list(@PathVariable String processInstanceId) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (!participants.mayRead(processInstanceId, user)) {
      throw notInvolved();
    }
    return participants.withoutAuthorization(() -> {
      Map<String, String> taskNames = new LinkedHashMap<>();
      for (HistoricTaskInstance task : engine.getHistoryService().createHistoricTaskInstanceQuery()
          .processInstanceId(processInstanceId).list()) {
        taskNames.put(task.getId(), task.getName());
      }
      Map<String, Comment> comments = new LinkedHashMap<>();
      engine.getTaskService().getProcessInstanceComments(processInstanceId).forEach(c -> comments.put(c.getId(), c));
      // Comments made on a task without the case id still belong to the case.
      taskNames.keySet().forEach(id -> engine.getTaskService().getTaskComments(id)
          .forEach(c -> comments.putIfAbsent(c.getId(), c)));
      return comments.values().stream()
          .sorted(Comparator.comparing(Comment::getTime).thenComparing(Comment::getId))
          .map(c -> view(c, taskNames)).toList();
    });
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public CommentView add(@PathVariable String processInstanceId, @RequestBody NewComment body) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (!participants.isParticipant(processInstanceId, user)) {
      throw notInvolved();
    }
    String message = body == null || body.message() == null ? "" : body.message().strip();
    if (message.isEmpty() || message.length() > MAX_LENGTH) {
      throw Refusal.of(400, "message", "意見不可空白，且不超過 " + MAX_LENGTH + " 字",
          "The message must not be empty and at most " + MAX_LENGTH + " characters.");
    }
    return participants.withoutAuthorization(() -> {
      String taskId = body.taskId();
      Map<String, String> taskNames = new LinkedHashMap<>();
      if (taskId != null) {
        Task task = engine.getTaskService().createTaskQuery().taskId(taskId).processInstanceId(processInstanceId)
            .singleResult();
        if (task == null) {
          throw Refusal.of(400, "taskId", "此任務不是本案進行中的任務", "The task is not an open task of this case.");
        }
        taskNames.put(taskId, task.getName());
      }
      // Runs as the authenticated user, so the comment carries the author's id.
      Comment comment = engine.getTaskService().createComment(taskId, processInstanceId, message);
      return view(comment, taskNames);
    });
  }

  private CommentView view(Comment comment, Map<String, String> taskNames) {
    return new CommentView(comment.getId(), comment.getTaskId(), taskNames.get(comment.getTaskId()),
        comment.getUserId(), comment.getUserId() == null ? null : organization.displayName(comment.getUserId()),
        comment.getTime().toInstant(), comment.getFullMessage());
  }

  private static Refusal notInvolved() {
    return Refusal.of(403, null, "只有參與本案的人員可以查看或新增意見（§6.1.2）",
        "Only people involved in this case may read or add its comments (§6.1.2).");
  }
}
