package com.zhidu.platform.documents;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The one way a process produces a document: render once, store once, link to the case. Call it from a
 * delegate behind {@code asyncBefore} with a {@code failedJobRetryTimeCycle}: rendering errors then become
 * retries and finally an incident, and nothing is half-written (the store joins the job's transaction).
 * <pre>
 * StoredDocument pdf = documents.pdfOnce(execution, "researchReport", "市場調研報告-RPT-12.pdf",
 *     "researchReport:" + reportId + ":v" + version, () -> HtmlDocument.titled("市場調研報告")...);
 * </pre>
 * The content supplier runs only when the key is not stored yet. {@code createdBy} is the authenticated user
 * (null in a job). Registered as bean {@code documents}.
 */
@Component("documents")
public class Documents {

  private final DocumentStore store;
  private final PdfRenderer pdf;
  private final IdentityService identity;

  public Documents(DocumentStore store, PdfRenderer pdf, IdentityService identity) {
    this.store = store;
    this.pdf = pdf;
    this.identity = identity;
  }

  /** A PDF of the document, linked to the execution's process instance and business key. */
  public StoredDocument pdfOnce(DelegateExecution execution, String kind, String fileName, String idempotencyKey,
      Supplier<HtmlDocument> content) {
    return pdfOnce(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), kind, fileName,
        idempotencyKey, content);
  }

  public StoredDocument pdfOnce(String processInstanceId, String businessKey, String kind, String fileName,
      String idempotencyKey, Supplier<HtmlDocument> content) {
    return store.byIdempotencyKey(idempotencyKey).orElseGet(() -> store.storeOnce(new NewDocument(processInstanceId,
        businessKey, kind, fileName, NewDocument.PDF, pdf.render(content.get()), currentUser(), idempotencyKey)));
  }

  /** The HTML view of the same document (the browser renders it; charts are inline data URIs). */
  public StoredDocument htmlOnce(DelegateExecution execution, String kind, String fileName, String idempotencyKey,
      Supplier<HtmlDocument> content) {
    return htmlOnce(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), kind, fileName,
        idempotencyKey, content);
  }

  public StoredDocument htmlOnce(String processInstanceId, String businessKey, String kind, String fileName,
      String idempotencyKey, Supplier<HtmlDocument> content) {
    return store.byIdempotencyKey(idempotencyKey).orElseGet(() -> store.storeOnce(new NewDocument(processInstanceId,
        businessKey, kind, fileName, NewDocument.HTML,
        content.get().toXhtml().getBytes(java.nio.charset.StandardCharsets.UTF_8), currentUser(), idempotencyKey)));
  }

  private String currentUser() {
    Authentication user = identity.getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
