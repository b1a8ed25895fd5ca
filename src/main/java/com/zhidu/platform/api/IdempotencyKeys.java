package com.zhidu.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zhidu.audit.AuditHash;
import com.zhidu.platform.Refusal;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Idempotency-Key} for API requests that start a case: a client that did not get the answer (timeout,
 * dropped connection, a node killed mid-request) repeats the request with the same key and gets the case the first
 * one started, instead of a second case. The key is remembered in the same transaction as the case's start, so
 * either both exist or neither; two requests racing with one key meet at the primary key and the later one rolls
 * back its start. A key is the caller's own (per user and endpoint); reused with a different request it is refused.
 */
@Component
public class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";
  static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,100}");
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** The case a request started; {@code replayed} when an earlier request with the same key started it. */
  public record Started(String processInstanceId, boolean replayed) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public IdempotencyKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * Starts the case once per key: {@code start} runs (and returns the new process instance id) unless this user
   * already sent this key to this endpoint. Without a key every request starts a case, as before.
   */
  public Started startOnce(String userId, String endpoint, String key, Object request, Supplier<String> start) {
    if (key == null) {
      return new Started(start.get(), false);
    }
    if (!VALID.matcher(key).matches()) {
      throw Refusal.of(400, HEADER, "Idempotency-Key 須為 1 至 100 個可見 ASCII 字元",
          "Idempotency-Key must be 1 to 100 visible ASCII characters.");
    }
    String hash = hash(request);
    Started earlier = earlier(userId, endpoint, key, hash);
    if (earlier != null) {
      return earlier;
    }
    try {
      return transaction.execute(status -> {
        String processInstanceId = start.get();
        jdbc.update("insert into api_idempotency (user_id, endpoint, idempotency_key, request_hash, "
            + "process_instance_id, created_at) values (?,?,?,?,?,?)", userId, endpoint, key, hash, processInstanceId,
            new Timestamp(ClockUtil.getCurrentTime().getTime()));
        return new Started(processInstanceId, false);
      });
    } catch (DuplicateKeyException raced) {
      // Another request with this key committed first; this one's start was rolled back with the insert.
      return earlier(userId, endpoint, key, hash);
    }
  }

  private Started earlier(String userId, String endpoint, String key, String hash) {
    List<String[]> rows = jdbc.query("select request_hash, process_instance_id from api_idempotency "
        + "where user_id = ? and endpoint = ? and idempotency_key = ?",
        (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, userId, endpoint, key);
    if (rows.isEmpty()) {
      return null;
    }
    if (!rows.get(0)[0].equals(hash)) {
      throw Refusal.of(422, HEADER, "此 Idempotency-Key 已用於內容不同的請求，請使用新的鍵",
          "This Idempotency-Key was already used for a different request: use a new key.");
    }
    return new Started(rows.get(0)[1], true);
  }

  private static String hash(Object request) {
    try {
      return AuditHash.sha256(JSON.writeValueAsString(request));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The request cannot be written as JSON", e);
    }
  }
}
