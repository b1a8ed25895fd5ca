package com.zhidu.platform.documents;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code document} (V11): documents of cases, stored once per idempotency key. Plain JDBC on the
 * engine's DataSource, so a store inside a delegate joins the job's transaction: if the job fails, the
 * document is rolled back with it, and the retry stores it then. Two racing writers of one key: the unique
 * constraint fails the second transaction, whose retry then finds the first one's document.
 */
@Repository
public class DocumentStore {

  private static final String COLUMNS = "id, process_instance_id, business_key, kind, name, media_type, size_bytes,"
      + " sha256, created_at, created_by, idempotency_key";

  private final JdbcTemplate jdbc;

  public DocumentStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the document unless one with its idempotency key exists; returns the stored one either way. */
  public StoredDocument storeOnce(NewDocument document) {
    Optional<StoredDocument> existing = byIdempotencyKey(document.idempotencyKey());
    if (existing.isPresent()) {
      return existing.get();
    }
    jdbc.update("insert into document (process_instance_id, business_key, kind, name, media_type, content,"
            + " size_bytes, sha256, created_at, created_by, idempotency_key) values (?,?,?,?,?,?,?,?,?,?,?)",
        document.processInstanceId(), document.businessKey(), document.kind(), document.name(),
        document.mediaType(), document.content(), (long) document.content().length, sha256(document.content()),
        new Timestamp(ClockUtil.getCurrentTime().getTime()), document.createdBy(), document.idempotencyKey());
    return byIdempotencyKey(document.idempotencyKey()).orElseThrow();
  }

  public Optional<StoredDocument> byIdempotencyKey(String idempotencyKey) {
    return jdbc.query("select " + COLUMNS + " from document where idempotency_key = ?", DocumentStore::row,
        idempotencyKey).stream().findFirst();
  }

  public Optional<StoredDocument> find(long id) {
    return jdbc.query("select " + COLUMNS + " from document where id = ?", DocumentStore::row, id).stream()
        .findFirst();
  }

  /** The bytes of a stored document. */
  public byte[] content(long id) {
    return jdbc.queryForObject("select content from document where id = ?", byte[].class, id);
  }

  /** A case's documents, oldest first. */
  public List<StoredDocument> ofCase(String processInstanceId) {
    return jdbc.query("select " + COLUMNS + " from document where process_instance_id = ? order by id",
        DocumentStore::row, processInstanceId);
  }

  /** Documents of a kind under a business key (e.g. every dunning letter of contract S-2026-001), oldest first. */
  public List<StoredDocument> byBusinessKey(String businessKey, String kind) {
    return jdbc.query("select " + COLUMNS + " from document where business_key = ? and kind = ? order by id",
        DocumentStore::row, businessKey, kind);
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StoredDocument row(ResultSet rs, int row) throws SQLException {
    return new StoredDocument(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("business_key"),
        rs.getString("kind"), rs.getString("name"), rs.getString("media_type"), rs.getLong("size_bytes"),
        rs.getString("sha256"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
        rs.getString("idempotency_key"));
  }
}
