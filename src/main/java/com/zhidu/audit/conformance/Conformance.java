package com.zhidu.audit.conformance;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** Runs every {@link ConformanceRule} bean over a period. */
@Component
public class Conformance {

  public record ClauseResult(String clause, String descriptionZh, String descriptionEn, int checked,
      Set<String> conforming, Set<String> violating, List<ConformanceRule.Finding> findings) {}

  private final List<ConformanceRule> rules;

  public Conformance(List<ConformanceRule> rules) {
    this.rules = rules;
  }

  public List<ClauseResult> check(Instant from, Instant to) {
    return rules.stream().sorted(Comparator.comparing(ConformanceRule::clause)).map(rule -> {
      ConformanceRule.Verdict verdict = rule.check(from, to);
      Set<String> violating = new TreeSet<>();
      verdict.findings().forEach(f -> violating.add(f.caseId()));
      Set<String> conforming = new TreeSet<>(verdict.checkedCases());
      conforming.removeAll(violating);
      return new ClauseResult(rule.clause(), rule.descriptionZh(), rule.descriptionEn(),
          verdict.checkedCases().size(), conforming, violating, verdict.findings());
    }).toList();
  }
}
