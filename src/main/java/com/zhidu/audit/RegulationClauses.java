package com.zhidu.audit;

import java.util.List;

/**
 * The regulation's clause ids in document order: the same canonical list TraceabilityTest checks
 * docs/traceability.md against (RegulationClausesTest keeps the two equal).
 */
public final class RegulationClauses {

  public static final List<String> IDS = List.of(
      "§1.1", "§1.2", "§1.3.1", "§1.3.2", "§1.3.3", "§1.3.4",
      "§2.1", "§2.2.1", "§2.2.2", "§2.2.3", "§2.2.4", "§2.2.5", "§2.2.6",
      "§3.1.1", "§3.1.2", "§3.1.3", "§3.1.4", "§3.1.5",
      "§3.2.1", "§3.2.2", "§3.2.3", "§3.2.4", "§3.2.5", "§3.2.6", "§3.2.7",
      "§3.3.1", "§3.3.2", "§3.3.3", "§3.3.4", "§3.3.5",
      "§3.4.1", "§3.4.2", "§3.4.3", "§3.4.4",
      "§4.1.1", "§4.1.2", "§4.1.3", "§4.1.4", "§4.2.1", "§4.2.2",
      "§5.1.1", "§5.1.2", "§5.2.1", "§5.2.2", "§5.2.3", "§5.3.1", "§5.3.2", "§5.3.3", "§5.4.1", "§5.4.2",
      "§6.1.1", "§6.1.2", "§6.1.3");

  private RegulationClauses() {}
}
