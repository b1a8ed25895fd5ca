package com.zhidu.platform.documents;

import java.util.Objects;

/**
 * What to store: the case it belongs to (process instance id, required; business key, optional), its kind
 * (e.g. {@code dunningLetter}, {@code researchReport}), a file name, the media type, the bytes, who caused it
 * (null for a job) and the producer's idempotency key: the same key is stored once, whatever is passed later.
 */
public record NewDocument(String processInstanceId, String businessKey, String kind, String name, String mediaType,
    byte[] content, String createdBy, String idempotencyKey) {

  public static final String PDF = "application/pdf";
  public static final String HTML = "text/html; charset=UTF-8";
  public static final String PNG = "image/png";

  public NewDocument {
    Objects.requireNonNull(processInstanceId, "processInstanceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
