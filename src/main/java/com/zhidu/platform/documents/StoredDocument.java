package com.zhidu.platform.documents;

import java.time.Instant;

/**
 * A stored document's facts, without its bytes ({@link DocumentStore#content}). {@code createdBy} is the
 * authenticated user who caused it, or null when a job made it. {@link #url()} is where participants of the
 * case download it.
 */
public record StoredDocument(long id, String processInstanceId, String businessKey, String kind, String name,
    String mediaType, long sizeBytes, String sha256, Instant createdAt, String createdBy, String idempotencyKey) {

  public static final String URL_PREFIX = "/zhidu/api/documents/";

  public String url() {
    return URL_PREFIX + id;
  }
}
