package com.zhidu.audit.conformance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * §3.2.4 after the fact: every contract signed in the period had, for the signed version, a legal-review
 * approval ({@code review_decision}, subject {@code salesContract}, stage {@code legalReview}) decided no later
 * than the signing, by a member of {@code legal} (checked now, in the identity service) who is neither the
 * contract's drafter nor the author of that version. ContractSigningRecorder and the fourEyes declaration
 * prevent this at run time; this finds what slipped through. Department: {@code sales}.
 */
@Component
public class ContractLegalReviewBeforeSigning implements ConformanceRule {

  static final String SUBJECT_TYPE = "salesContract";
  static final String STAGE = "legalReview";
  static final String REVIEWER_GROUP = "legal";
  static final String DEPARTMENT = "sales";

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;

  public ContractLegalReviewBeforeSigning(ProcessEngine engine, JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  @Override
  public String clause() {
    return "§3.2.4";
  }

  @Override
  public String descriptionZh() {
    return "簽訂的合同須先經法務審核通過，且審核人不是擬稿人";
  }

  @Override
  public String descriptionEn() {
    return "Signed contracts passed legal review before signing, by a legal reviewer who did not draft them";
  }

  @Override
  public Verdict check(Instant from, Instant to) {
    Set<String> checked = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    Map<String, String> departments = new HashMap<>();
    Set<String> legal = new TreeSet<>();
    engine.getIdentityService().createUserQuery().memberOfGroup(REVIEWER_GROUP).list().forEach(u -> legal.add(u.getId()));
    for (Map<String, Object> contract : jdbc.queryForList("select c.id, c.process_instance_id, c.contract_no,"
        + " c.drafter, c.signed_version, c.signed_at, c.amended_at, v.created_by as reviser from sales_contract c"
        + " left join sales_contract_version v on v.contract_id = c.id and v.version = c.signed_version"
        + " where c.status = 'signed' and c.signed_at >= ? and c.signed_at < ?",
        Timestamp.from(from), Timestamp.from(to))) {
      String caseId = (String) contract.get("process_instance_id");
      checked.add(caseId);
      departments.put(caseId, DEPARTMENT);
      // An amendment during execution (§3.2.5) replaced the signed version: its approval must precede the amendment.
      Timestamp signedAt = (Timestamp) (contract.get("amended_at") != null ? contract.get("amended_at")
          : contract.get("signed_at"));
      Object version = contract.get("signed_version");
      Set<String> excluded = new TreeSet<>();
      excluded.add((String) contract.get("drafter"));
      if (contract.get("reviser") != null) {
        excluded.add((String) contract.get("reviser"));
      }
      List<Map<String, Object>> approvals = jdbc.queryForList("select decided_by, decided_at from review_decision"
          + " where subject_type = ? and subject_id = ? and stage = ? and decision = 'approved' and subject_version = ?",
          SUBJECT_TYPE, contract.get("id").toString(), STAGE, version);
      String problemZh = null;
      String problemEn = null;
      if (approvals.isEmpty()) {
        problemZh = "第" + version + "版沒有法務審核通過的紀錄";
        problemEn = "no legal approval of version " + version;
      } else if (approvals.stream().noneMatch(a -> !((Timestamp) a.get("decided_at")).after(signedAt))) {
        problemZh = "法務審核通過晚於簽訂（" + signedAt.toInstant() + "）";
        problemEn = "legal approval decided after signing";
      } else if (approvals.stream().filter(a -> !((Timestamp) a.get("decided_at")).after(signedAt))
          .map(a -> (String) a.get("decided_by")).noneMatch(by -> legal.contains(by) && !excluded.contains(by))) {
        String by = approvals.stream().map(a -> (String) a.get("decided_by")).filter(Objects::nonNull)
            .distinct().reduce((a, b) -> a + "," + b).orElse("?");
        problemZh = "法務審核由 " + by + " 通過，但其不屬法務部門或為擬稿／修訂人";
        problemEn = "legal approval by " + by + ", not in legal or the drafter/reviser";
      }
      if (problemZh != null) {
        findings.add(new Finding(caseId, null, "合同 " + contract.get("contract_no") + "：" + problemZh,
            "Contract " + contract.get("contract_no") + ": " + problemEn));
      }
    }
    return new Verdict(checked, findings, departments);
  }
}
