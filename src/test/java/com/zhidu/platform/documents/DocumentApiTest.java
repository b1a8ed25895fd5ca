package com.zhidu.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Documents of a case (four-eyes fixture: chenjing started it, the draft is hers): stored once per key,
 * readable by participants and auditors only, 401 without credentials.
 */
@ZhiduTest
class DocumentApiTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired Documents documents;
  @Autowired DocumentStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  String pi;
  String key;

  @BeforeEach
  void aCase() {
    AsUser as = new AsUser(identity);
    pi = as.call("chenjing", () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        "DOC-" + UUID.randomUUID(), Map.of("title", "文件測試", "author", "chenjing")).getId());
    String draft = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("draft").singleResult().getId();
    as.run("chenjing", () -> {
      tasks.claim(draft, "chenjing");
      tasks.complete(draft);
    });
    key = "test:" + UUID.randomUUID();
  }

  @Test
  void aDocumentIsStoredOnceWithItsHashAndAuthor() {
    StoredDocument first = new AsUser(identity).call("chenjing", () -> documents.pdfOnce(pi, "DOC-1", "researchReport",
        "調研報告.pdf", key, () -> HtmlDocument.titled("調研報告").paragraph("第一版")));
    int[] rendered = {0};
    StoredDocument again = documents.pdfOnce(pi, "DOC-1", "researchReport", "調研報告.pdf", key, () -> {
      rendered[0]++;
      return HtmlDocument.titled("調研報告").paragraph("第二版");
    });

    assertThat(again).isEqualTo(first);
    assertThat(rendered[0]).as("a stored key is not rendered again").isZero();
    assertThat(jdbc.queryForObject("select count(*) from document where idempotency_key = ?", Integer.class, key))
        .isEqualTo(1);
    byte[] content = store.content(first.id());
    assertThat(first.sha256()).isEqualTo(DocumentStore.sha256(content)).hasSize(64);
    assertThat(first.sizeBytes()).isEqualTo(content.length);
    assertThat(first.createdBy()).isEqualTo("chenjing");
    assertThat(first.mediaType()).isEqualTo("application/pdf");
    assertThat(PdfDocuments.text(content)).contains("第一版").doesNotContain("第二版");
    assertThat(store.ofCase(pi)).containsExactly(first);
    assertThat(store.byBusinessKey("DOC-1", "researchReport")).contains(first);

    // The store on its own keeps the first bytes too.
    StoredDocument direct = store.storeOnce(new NewDocument(pi, null, "other", "x.txt", "text/plain",
        "other".getBytes(StandardCharsets.UTF_8), null, key));
    assertThat(direct).isEqualTo(first);
  }

  @Test
  void participantsAndAuditorsDownloadOthersAreRefused() {
    StoredDocument pdf = documents.pdfOnce(pi, null, "researchReport", "市場調研報告.pdf", key,
        () -> HtmlDocument.titled("市場調研報告").paragraph("機密內容"));

    ResponseEntity<byte[]> byStarter = rest.withBasicAuth("chenjing", "chenjing").getForEntity(pdf.url(), byte[].class);
    assertThat(byStarter.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(byStarter.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
    assertThat(byStarter.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline;")
        .contains("filename*=UTF-8''%E5%B8%82"); // 市…
    assertThat(PdfDocuments.text(byStarter.getBody())).contains("機密內容");

    // zhangwei is a candidate (deptManager) of the open review: a participant.
    assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity(pdf.url(), byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<byte[]> auditor = rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity(pdf.url() + "?download=true", byte[].class);
    assertThat(auditor.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(auditor.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");

    ResponseEntity<String> outsider = rest.withBasicAuth("sunli", "sunli").getForEntity(pdf.url(), String.class);
    assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(outsider.getBody()).doesNotContain("機密內容");
    assertThat(rest.withBasicAuth("sunli", "sunli").getForEntity(list(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(rest.getForEntity(pdf.url(), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity(list(), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("chenjing", "chenjing").getForEntity(StoredDocument.URL_PREFIX + 999_999_999,
        String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theCaseListNamesEachDocumentAndTheHtmlViewIsServedWithoutScripts() {
    StoredDocument pdf = documents.pdfOnce(pi, null, "researchReport", "報告.pdf", key + ":pdf",
        () -> HtmlDocument.titled("報告").paragraph("<b>不是標記</b>"));
    StoredDocument html = documents.htmlOnce(pi, null, "researchReport", "報告.html", key + ":html",
        () -> HtmlDocument.titled("報告").paragraph("<b>不是標記</b>"));

    ResponseEntity<String> listed = rest.withBasicAuth("chenjing", "chenjing").getForEntity(list(), String.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody()).contains("\"id\":" + pdf.id(), "\"id\":" + html.id(), "\"name\":\"報告.pdf\"",
        "\"url\":\"/zhidu/api/documents/" + html.id() + "\"", "\"kind\":\"researchReport\"", "\"sha256\":\"" + pdf.sha256());
    assertThat(listed.getBody().indexOf("報告.pdf")).isLessThan(listed.getBody().indexOf("報告.html"));

    ResponseEntity<String> view = rest.withBasicAuth("shenjian", "shenjian").getForEntity(html.url(), String.class);
    assertThat(view.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(view.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'", "sandbox");
    assertThat(view.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(view.getBody()).contains("&lt;b&gt;不是標記&lt;/b&gt;").doesNotContain("<b>");
  }

  private String list() {
    return "/zhidu/api/cases/" + pi + "/documents";
  }
}
