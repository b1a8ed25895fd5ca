package com.zhidu.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash recipe of the audit trail, in one place so that the writer, the verifier and docs/auditor-guide.md
 * agree. A row's hash is the lower-case hex SHA-256 of the UTF-8 bytes of its fields joined by "\n":
 * <pre>prev_hash, case_id, seq, event_type, occurred_at, user_id, process_instance_id, process_definition_key,
 * task_id, activity_id, payload</pre>
 * with a null field as the empty string, {@code occurred_at} as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC and
 * {@code payload} exactly as stored. The first row of a case has 64 zeros as prev_hash.
 */
public final class AuditHash {

  public static final String GENESIS = "0".repeat(64);
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private AuditHash() {}

  /** A row as hashed; also what the trail endpoints return. */
  public record Row(String caseId, long seq, String eventType, Instant occurredAt, String userId,
      String processInstanceId, String processDefinitionKey, String taskId, String activityId, String payload,
      String prevHash, String hash) {

    public String occurredAtText() {
      return time(occurredAt);
    }

    /** The hash this row should carry, given its content and prev_hash. */
    public String expectedHash() {
      return sha256(String.join("\n", prevHash, caseId, Long.toString(seq), eventType, time(occurredAt),
          text(userId), text(processInstanceId), text(processDefinitionKey), text(taskId), text(activityId),
          payload));
    }
  }

  /**
   * A seal's hash: SHA-256 over "prev_seal_hash\nseal_no\nday\nsealed_at\nhead_count\nheads_digest"; the
   * digest is SHA-256 over the lines "case_id:seq:hash\n" of the sealed heads, sorted by case id (Java order).
   */
  public static String sealHash(String prevSealHash, long sealNo, String day, Instant sealedAt, int headCount,
      String headsDigest) {
    return sha256(String.join("\n", prevSealHash, Long.toString(sealNo), day, time(sealedAt),
        Integer.toString(headCount), headsDigest));
  }

  /**
   * The instant as {@link #TIME} writes it. Written by hand for the years 1000–9999: the formatter's general machinery
   * ran for every date of every audit row and was ~2 % of the Java samples per case (docs/performance.md).
   */
  public static String time(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    if (utc.getYear() < 1000 || utc.getYear() > 9999) {
      return TIME.format(instant);
    }
    char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
    digits(text, 0, 4, utc.getYear());
    digits(text, 5, 2, utc.getMonthValue());
    digits(text, 8, 2, utc.getDayOfMonth());
    digits(text, 11, 2, utc.getHour());
    digits(text, 14, 2, utc.getMinute());
    digits(text, 17, 2, utc.getSecond());
    digits(text, 20, 3, utc.getNano() / 1_000_000);
    return new String(text);
  }

  private static void digits(char[] text, int start, int length, int value) {
    for (int i = start + length - 1; i >= start; i--, value /= 10) {
      text[i] = (char) ('0' + value % 10);
    }
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  // Cloned rather than looked up in the security providers for every audit row.
  private static final MessageDigest SHA_256;

  static {
    try {
      SHA_256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
      }
    }
  }
}
