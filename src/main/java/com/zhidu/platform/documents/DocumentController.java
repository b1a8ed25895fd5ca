package com.zhidu.platform.documents;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documents of a case for the people involved in it: participants of the case ({@link CaseParticipants}),
 * auditors and administrators; anybody else gets 403, no credentials 401 (ZhiduApiAuthentication).
 * <pre>
 * GET /zhidu/api/documents/{id}                       the file, shown inline (?download=true: as attachment)
 * GET /zhidu/api/cases/{processInstanceId}/documents  the case's documents (JSON, no bytes), oldest first
 * </pre>
 * HTML documents are served with a Content-Security-Policy that allows no script and no outside resource.
 */
@RestController
public class DocumentController {

  public record DocumentView(long id, String kind, String name, String mediaType, long sizeBytes, String sha256,
      Instant createdAt, String createdBy, String createdByName, String url) {}

  static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

  private final ProcessEngine engine;
  private final CaseParticipants participants;
  private final DocumentStore store;
  private final OrganizationService organization;

  public DocumentController(ProcessEngine engine, CaseParticipants participants, DocumentStore store,
      OrganizationService organization) {
    this.engine = engine;
    this.participants = participants;
    this.store = store;
    this.organization = organization;
  }

  @GetMapping("/zhidu/api/documents/{id}")
  public ResponseEntity<byte[]> download(@PathVariable long id,
      @RequestParam(name = "download", defaultValue = "false") boolean download) {
    StoredDocument document = store.find(id).orElseThrow(() -> Refusal.of(404, null, "找不到此文件",
        "No such document."));
    mayRead(document.processInstanceId());
    ContentDisposition disposition = (download ? ContentDisposition.attachment() : ContentDisposition.inline())
        .filename(document.name(), StandardCharsets.UTF_8).build();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", CSP)
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header(HttpHeaders.ETAG, "\"" + document.sha256() + "\"")
        .body(store.content(id));
  }

  @GetMapping("/zhidu/api/cases/{processInstanceId}/documents")
  public List<DocumentView> ofCase(@PathVariable String processInstanceId) {
    mayRead(processInstanceId);
    return store.ofCase(processInstanceId).stream().map(this::view).toList();
  }

  private void mayRead(String processInstanceId) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (!participants.mayRead(processInstanceId, user)) {
      throw Refusal.of(403, null, "只有參與本案的人員與稽核人員可以查看本案文件",
          "Only people involved in this case and auditors may read its documents.");
    }
  }

  private DocumentView view(StoredDocument d) {
    return new DocumentView(d.id(), d.kind(), d.name(), d.mediaType(), d.sizeBytes(), d.sha256(), d.createdAt(),
        d.createdBy(), d.createdBy() == null ? null : organization.displayName(d.createdBy()), d.url());
  }
}
