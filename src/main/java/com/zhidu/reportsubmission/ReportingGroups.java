package com.zhidu.reportsubmission;

import com.zhidu.organization.OrganizationService;
import java.util.List;
import java.util.Optional;

/** The groups that write reports (§2.2.3 市場調研組, §2.2.6 運營分析組); a report's area is its author's group. */
final class ReportingGroups {

  static final List<String> AREAS = List.of("marketResearch", "operationsAnalysis");

  private ReportingGroups() {}

  static Optional<String> areaOf(OrganizationService organization, String userId) {
    return organization.user(userId).flatMap(user -> AREAS.stream().filter(user.groups()::contains).findFirst());
  }
}
