package com.zhidu.platform.approval;

import com.zhidu.platform.approval.ApprovalOperations.Result;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One REST API for the approval operations of every procedure (docs/employee-guide.md). The caller is the
 * authenticated user ({@code ZhiduApiAuthentication}: HTTP Basic or the Tasklist session with its CSRF token);
 * every operation needs a {@code reason}. Refusals are {@code Refusal} JSON: 400 bad input (naming the field),
 * 403 not allowed, 404 unknown task or case, 409 not in this state, 429 too many urges.
 * <pre>
 * POST /zhidu/api/tasks/{taskId}/return             {"step": "draft", "reason": "…"}      退回
 * POST /zhidu/api/tasks/{taskId}/transfer           {"userId": "…", "reason": "…"}       轉辦
 * POST /zhidu/api/tasks/{taskId}/delegate           {"userId": "…", "reason": "…"}       委派
 * POST /zhidu/api/tasks/{taskId}/resolve            {"reason": "…"}                      委派交回
 * POST /zhidu/api/tasks/{taskId}/signers            {"userId": "…", "reason": "…"}       加簽
 * POST /zhidu/api/tasks/{taskId}/signers/{userId}/remove {"reason": "…"}                 減簽
 * POST /zhidu/api/tasks/{signTaskId}/sign           {"decision": "approved|rejected", "reason": "…"}
 * POST /zhidu/api/cases/{processInstanceId}/withdraw {"reason": "…"}                     撤回
 * POST /zhidu/api/cases/{processInstanceId}/cc       {"userIds": ["…"], "reason": "…"}   抄送
 * POST /zhidu/api/cases/{processInstanceId}/urge     {"reason": "…"}                     催辦
 * </pre>
 */
@RestController
@RequestMapping("/zhidu/api")
public class ApprovalController {

  /** The body of every operation; each uses the fields it needs. */
  public record OperationRequest(String reason, String step, String userId, List<String> userIds,
      String decision) {

    static OperationRequest orEmpty(OperationRequest body) {
      return body == null ? new OperationRequest(null, null, null, null, null) : body;
    }
  }

  private final ApprovalOperations operations;

  public ApprovalController(ApprovalOperations operations) {
    this.operations = operations;
  }

  @PostMapping("/tasks/{taskId}/return")
  public Result returnTo(@PathVariable String taskId, @RequestBody(required = false) OperationRequest body) {
    OperationRequest b = OperationRequest.orEmpty(body);
    return operations.returnTo(taskId, b.step(), b.reason());
  }

  @PostMapping("/tasks/{taskId}/transfer")
  public Result transfer(@PathVariable String taskId, @RequestBody(required = false) OperationRequest body) {
    OperationRequest b = OperationRequest.orEmpty(body);
    return operations.transfer(taskId, b.userId(), b.reason());
  }

  @PostMapping("/tasks/{taskId}/delegate")
  public Result delegate(@PathVariable String taskId, @RequestBody(required = false) OperationRequest body) {
    OperationRequest b = OperationRequest.orEmpty(body);
    return operations.delegate(taskId, b.userId(), b.reason());
  }

  @PostMapping("/tasks/{taskId}/resolve")
  public Result resolve(@PathVariable String taskId, @RequestBody(required = false) OperationRequest body) {
    return operations.resolve(taskId, OperationRequest.orEmpty(body).reason());
  }

  @PostMapping("/tasks/{taskId}/signers")
  public Result addSigner(@PathVariable String taskId, @RequestBody(required = false) OperationRequest body) {
    OperationRequest b = OperationRequest.orEmpty(body);
    return operations.addSigner(taskId, b.userId(), b.reason());
  }

  @PostMapping("/tasks/{taskId}/signers/{userId}/remove")
  public Result removeSigner(@PathVariable String taskId, @PathVariable String userId,
      @RequestBody(required = false) OperationRequest body) {
    return operations.removeSigner(taskId, userId, OperationRequest.orEmpty(body).reason());
  }

  @PostMapping("/tasks/{taskId}/sign")
  public Result sign(@PathVariable String taskId, @RequestBody(required = false) OperationRequest body) {
    OperationRequest b = OperationRequest.orEmpty(body);
    return operations.sign(taskId, b.decision(), b.reason());
  }

  @PostMapping("/cases/{processInstanceId}/withdraw")
  public Result withdraw(@PathVariable String processInstanceId,
      @RequestBody(required = false) OperationRequest body) {
    return operations.withdraw(processInstanceId, OperationRequest.orEmpty(body).reason());
  }

  @PostMapping("/cases/{processInstanceId}/cc")
  public Result copy(@PathVariable String processInstanceId, @RequestBody(required = false) OperationRequest body) {
    OperationRequest b = OperationRequest.orEmpty(body);
    return operations.copy(processInstanceId, b.userIds(), b.reason());
  }

  @PostMapping("/cases/{processInstanceId}/urge")
  public Result urge(@PathVariable String processInstanceId, @RequestBody(required = false) OperationRequest body) {
    return operations.urge(processInstanceId, OperationRequest.orEmpty(body).reason());
  }
}
