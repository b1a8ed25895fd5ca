package com.zhidu.audit.conformance;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link ConformanceRule} bean over a period, and rates each department: per clause, the cases
 * it was responsible for that were checked and that conformed; overall, the sums over all clauses (a case
 * checked by two clauses counts twice, once per clause). The {@link TaskRule}s' verdicts come from
 * {@link CaseVerdicts} (kept per finished case, the rest judged live), the other rules judge the period live.
 */
@Component
public class Conformance {

  public record Report(List<ClauseResult> clauses, List<DepartmentRate> departments) {}

  public record ClauseResult(String clause, String descriptionZh, String descriptionEn, int checked,
      Set<String> conforming, Set<String> violating, List<ConformanceRule.Finding> findings,
      List<DepartmentRate> departments) {}

  /** Checked and conforming cases of one department; rate = conforming / checked (null when none checked). */
  public record DepartmentRate(String department, String departmentName, int checked, int conforming, Double rate) {}

  private final List<ConformanceRule> rules;
  private final CaseVerdicts kept;
  private final IdentityService identity;

  public Conformance(List<ConformanceRule> rules, CaseVerdicts kept, ProcessEngine engine) {
    this.rules = rules;
    this.kept = kept;
    this.identity = engine.getIdentityService();
  }

  public Report check(Instant from, Instant to) {
    Map<ConformanceRule, ConformanceRule.Verdict> keptVerdicts = new HashMap<>(kept.check(from, to));
    Map<String, String> names = new HashMap<>(); // group names, read once per report
    identity.createGroupQuery().list().forEach(g -> names.put(g.getId(), g.getName() == null ? g.getId() : g.getName()));
    names.put(ConformanceRule.NO_DEPARTMENT, "未指定");
    Map<String, int[]> overall = new TreeMap<>();
    List<ClauseResult> clauses = rules.stream().sorted(Comparator.comparing(ConformanceRule::clause)).map(rule -> {
      ConformanceRule.Verdict verdict = keptVerdicts.containsKey(rule) ? keptVerdicts.get(rule) : rule.check(from, to);
      Set<String> violating = new TreeSet<>();
      verdict.findings().forEach(f -> violating.add(f.caseId()));
      Set<String> conforming = new TreeSet<>(verdict.checkedCases());
      conforming.removeAll(violating);
      Map<String, int[]> perDepartment = new TreeMap<>();
      for (String caseId : verdict.checkedCases()) {
        String department = verdict.departments().getOrDefault(caseId, ConformanceRule.NO_DEPARTMENT);
        int ok = conforming.contains(caseId) ? 1 : 0;
        int[] counts = perDepartment.computeIfAbsent(department, d -> new int[2]);
        counts[0]++;
        counts[1] += ok;
        int[] total = overall.computeIfAbsent(department, d -> new int[2]);
        total[0]++;
        total[1] += ok;
      }
      return new ClauseResult(rule.clause(), rule.descriptionZh(), rule.descriptionEn(),
          verdict.checkedCases().size(), conforming, violating, verdict.findings(), rates(perDepartment, names));
    }).toList();
    return new Report(clauses, rates(overall, names));
  }

  private List<DepartmentRate> rates(Map<String, int[]> counts, Map<String, String> names) {
    return counts.entrySet().stream().map(e -> {
      int checked = e.getValue()[0];
      int conforming = e.getValue()[1];
      return new DepartmentRate(e.getKey(), names.computeIfAbsent(e.getKey(), this::name), checked, conforming,
          checked == 0 ? null : (double) conforming / checked);
    }).toList();
  }

  /** The group's name (Traditional Chinese in organization.yaml); the id when unknown. */
  private String name(String department) {
    if (ConformanceRule.NO_DEPARTMENT.equals(department)) {
      return "未指定";
    }
    Group group = identity.createGroupQuery().groupId(department).singleResult();
    return group == null || group.getName() == null ? department : group.getName();
  }
}
