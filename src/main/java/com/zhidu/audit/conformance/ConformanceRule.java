package com.zhidu.audit.conformance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One clause of the regulation checked over history: which cases (root process instances) had something in
 * the period that the clause governs, and which of them broke it. One small bean per clause.
 */
public interface ConformanceRule {

  String clause();

  String descriptionZh();

  String descriptionEn();

  /** Cases with something to check in [from, to), and what was found wrong. */
  Verdict check(Instant from, Instant to);

  /** What was wrong in one case, for the auditor to follow up (task may be null). */
  record Finding(String caseId, String taskId, String messageZh, String messageEn) {}

  /**
   * The cases checked, what was found, and the department responsible for each checked case (its group id;
   * a case missing from the map counts under {@link #NO_DEPARTMENT}).
   */
  record Verdict(Set<String> checkedCases, List<Finding> findings, Map<String, String> departments) {
    public Verdict(Set<String> checkedCases, List<Finding> findings) {
      this(checkedCases, findings, Map.of());
    }
  }

  /** The department of a case that names none (e.g. a task without a candidate group). */
  String NO_DEPARTMENT = "unassigned";
}
