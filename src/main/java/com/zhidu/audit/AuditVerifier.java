package com.zhidu.audit;

import com.zhidu.audit.AuditHash.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recomputes every case's chain and the seal chain. Per case it reports the first broken link: a row whose
 * content no longer matches its hash, a row whose prev_hash is not the previous row's hash, a gap in the
 * sequence (deleted rows), or a chain head that is not the last row (deleted tail). Seals: the global chain,
 * the digest of the sealed heads, and that every sealed head row is still there with the same hash.
 */
@Component
public class AuditVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(AuditVerifier.class);
  /** Enough to act on; the count of broken cases is reported in full. */
  static final int MAX_PROBLEMS = 200;

  /** One broken link: kind is hash, prev-hash, missing-rows, head, no-head, seal, sealed-row. */
  public record Problem(String caseId, Long seq, String kind, String expected, String stored) {}

  public record Result(boolean intact, Instant checkedAt, int casesChecked, long eventsChecked, int sealsChecked,
      int brokenCases, List<Problem> problems) {}

  private final JdbcTemplate jdbc;

  public AuditVerifier(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Result verifyAll() {
    AuditTrail.flush(jdbc);
    TreeSet<String> cases = new TreeSet<>(jdbc.queryForList("select case_id from audit_chain_head", String.class));
    cases.addAll(jdbc.queryForList("select distinct case_id from audit_event", String.class));
    List<Problem> problems = new ArrayList<>();
    long events = 0;
    int broken = 0;
    for (String caseId : cases) {
      List<Row> rows = jdbc.query("select " + AuditTrail.COLUMNS + " from audit_event where case_id = ? order by seq",
          AuditTrail.ROW, caseId);
      events += rows.size();
      Problem problem = firstProblem(caseId, rows, head(caseId));
      if (problem != null) {
        broken++;
        add(problems, problem);
      }
    }
    int seals = verifySeals(problems);
    Result result = new Result(problems.isEmpty(), ClockUtil.getCurrentTime().toInstant(), cases.size(), events,
        seals, broken, List.copyOf(problems));
    if (!result.intact()) {
      LOG.error("Audit trail broken: {} case chain(s), first problems {}", broken,
          problems.subList(0, Math.min(5, problems.size())));
    }
    return result;
  }

  /** The first problem of one case's chain, or null when it is intact. */
  public Problem verifyCase(String caseId) {
    AuditTrail.flush(jdbc);
    return firstProblem(caseId, jdbc.query("select " + AuditTrail.COLUMNS
        + " from audit_event where case_id = ? order by seq", AuditTrail.ROW, caseId), head(caseId));
  }

  static Problem firstProblem(String caseId, List<Row> rows, Row head) {
    long expectedSeq = 1;
    String prev = AuditHash.GENESIS;
    for (Row row : rows) {
      if (row.seq() != expectedSeq) {
        return new Problem(caseId, expectedSeq, "missing-rows", "seq " + expectedSeq, "seq " + row.seq());
      }
      if (!prev.equals(row.prevHash())) {
        return new Problem(caseId, row.seq(), "prev-hash", prev, row.prevHash());
      }
      String expected = row.expectedHash();
      if (!expected.equals(row.hash())) {
        return new Problem(caseId, row.seq(), "hash", expected, row.hash());
      }
      prev = row.hash();
      expectedSeq++;
    }
    long last = expectedSeq - 1;
    if (head == null) {
      return rows.isEmpty() ? null : new Problem(caseId, last, "no-head", "seq " + last + " " + prev, null);
    }
    if (head.seq() != last || !head.hash().equals(prev)) {
      return new Problem(caseId, head.seq(), "head", "seq " + head.seq() + " " + head.hash(),
          "seq " + last + " " + prev);
    }
    return null;
  }

  private Row head(String caseId) {
    return jdbc.query("select last_seq, last_hash from audit_chain_head where case_id = ?",
        (rs, n) -> new Row(caseId, rs.getLong(1), null, null, null, null, null, null, null, null, null,
            rs.getString(2)), caseId).stream().findFirst().orElse(null);
  }

  private int verifySeals(List<Problem> problems) {
    List<Map<String, Object>> seals = jdbc.queryForList("select seal_no, seal_day, sealed_at, head_count, heads_digest,"
        + " prev_seal_hash, hash from audit_seal order by seal_no");
    String prev = AuditHash.GENESIS;
    long expectedNo = 1;
    for (Map<String, Object> seal : seals) {
      long no = ((Number) seal.get("seal_no")).longValue();
      String caseLabel = "seal " + no;
      List<String[]> heads = jdbc.query("select sh.case_id, sh.seq, sh.hash, e.hash from audit_seal_head sh"
          + " left join audit_event e on e.case_id = sh.case_id and e.seq = sh.seq where sh.seal_no = ?",
          (rs, n) -> new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3), rs.getString(4)}, no);
      String digest = AuditSealer.digest(heads.stream().map(h -> new AuditSealer.Head(h[0], Long.parseLong(h[1]), h[2]))
          .toList());
      Instant sealedAt = jdbc.queryForObject("select sealed_at from audit_seal where seal_no = ?",
          (rs, n) -> AuditTrail.instant(rs, "sealed_at"), no);
      String expected = AuditHash.sealHash(prev, no, seal.get("seal_day").toString(), sealedAt, heads.size(), digest);
      if (no != expectedNo) {
        add(problems, new Problem(caseLabel, no, "seal", "seal_no " + expectedNo, "seal_no " + no));
      } else if (!prev.equals(seal.get("prev_seal_hash"))) {
        add(problems, new Problem(caseLabel, no, "seal", prev, (String) seal.get("prev_seal_hash")));
      } else if (!expected.equals(seal.get("hash")) || !digest.equals(seal.get("heads_digest"))
          || heads.size() != ((Number) seal.get("head_count")).intValue()) {
        add(problems, new Problem(caseLabel, no, "seal", expected, (String) seal.get("hash")));
      }
      for (String[] head : heads) {
        if (!head[2].equals(head[3])) {
          add(problems, new Problem(head[0], Long.parseLong(head[1]), "sealed-row", head[2], head[3]));
        }
      }
      prev = (String) seal.get("hash");
      expectedNo = no + 1;
    }
    return seals.size();
  }

  private static void add(List<Problem> problems, Problem problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
