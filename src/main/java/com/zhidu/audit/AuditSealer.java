package com.zhidu.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals a day: the chain heads that moved since the previous seal are digested and chained into the global
 * seal chain ({@code audit_seal}, {@code audit_seal_head}). Once sealed, rewriting a case's rows (even
 * consistently, with a rewritten head) breaks the seal. Several nodes may try the same day: the unique day
 * and seal number let one win, the others roll back. Recipe: {@link AuditHash#sealHash}.
 */
@Component
public class AuditSealer {

  public record Head(String caseId, long seq, String hash) {}

  public record Seal(long sealNo, LocalDate day, Instant sealedAt, int headCount, String headsDigest,
      String prevSealHash, String hash) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public AuditSealer(JdbcTemplate jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** Seals the given day, or returns its seal if it is sealed already. */
  public Seal seal(LocalDate day) {
    AuditTrail.flush(jdbc);
    return transactions.execute(status -> {
      List<Seal> existing = jdbc.query("select * from audit_seal where seal_day = ?", (rs, n) -> seal(rs), day);
      if (!existing.isEmpty()) {
        return existing.get(0);
      }
      List<Map<String, Object>> last = jdbc.queryForList(
          "select seal_no, hash from audit_seal order by seal_no desc limit 1");
      long no = last.isEmpty() ? 1 : ((Number) last.get(0).get("seal_no")).longValue() + 1;
      String prev = last.isEmpty() ? AuditHash.GENESIS : (String) last.get(0).get("hash");
      List<Head> heads = jdbc.query("select h.case_id, h.last_seq, h.last_hash from audit_chain_head h"
          + " where not exists (select 1 from audit_seal_head s where s.case_id = h.case_id and s.seq = h.last_seq)",
          (rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3)));
      String digest = digest(heads);
      Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
      String hash = AuditHash.sealHash(prev, no, day.toString(), now, heads.size(), digest);
      jdbc.update("insert into audit_seal (seal_no, seal_day, sealed_at, head_count, heads_digest, prev_seal_hash, hash)"
          + " values (?,?,?,?,?,?,?)", no, day, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), heads.size(), digest,
          prev, hash);
      jdbc.batchUpdate("insert into audit_seal_head (seal_no, case_id, seq, hash) values (?,?,?,?)",
          heads.stream().map(h -> new Object[] {no, h.caseId(), h.seq(), h.hash()}).toList());
      return new Seal(no, day, now, heads.size(), digest, prev, hash);
    });
  }

  public List<Seal> seals() {
    return jdbc.query("select * from audit_seal order by seal_no", (rs, n) -> seal(rs));
  }

  /** SHA-256 over "case_id:seq:hash\n" per head, sorted by case id (Java string order, not the database's). */
  static String digest(List<Head> heads) {
    StringBuilder text = new StringBuilder();
    heads.stream().sorted(Comparator.comparing(Head::caseId))
        .forEach(h -> text.append(h.caseId()).append(':').append(h.seq()).append(':').append(h.hash()).append('\n'));
    return AuditHash.sha256(text.toString());
  }

  private static Seal seal(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Seal(rs.getLong("seal_no"), rs.getObject("seal_day", LocalDate.class), AuditTrail.instant(rs, "sealed_at"),
        rs.getInt("head_count"), rs.getString("heads_digest"), rs.getString("prev_seal_hash"), rs.getString("hash"));
  }
}
