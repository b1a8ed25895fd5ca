package com.zhidu.organization;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The organisation file ({@code organization.yaml}) as read: §1.2, §2.1, §2.2. */
public record OrganizationFile(
    List<GroupEntry> groups,
    List<UserEntry> users,
    List<DeputyEntry> deputies,
    List<SubstitutionEntry> substitutions,
    List<SalesTeamEntry> salesTeams,
    Map<String, String> dataOwners,
    String meetingSecretary) {

  public OrganizationFile {
    groups = groups == null ? List.of() : List.copyOf(groups);
    users = users == null ? List.of() : List.copyOf(users);
    deputies = deputies == null ? List.of() : List.copyOf(deputies);
    substitutions = substitutions == null ? List.of() : List.copyOf(substitutions);
    salesTeams = salesTeams == null ? List.of() : List.copyOf(salesTeams);
    dataOwners = dataOwners == null ? Map.of() : Map.copyOf(dataOwners);
  }

  public record GroupEntry(String id, String name, String head) {}

  public record UserEntry(String id, String name, String email, List<String> groups, String manager) {
    public UserEntry {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  /** A deputy manager and the areas (group ids) they own (§2.2.2). */
  public record DeputyEntry(String user, List<String> areas) {
    public DeputyEntry {
      areas = areas == null ? List.of() : List.copyOf(areas);
    }
  }

  /** {@code standIn} acts for {@code absent} from {@code from} to {@code to}, both inclusive. */
  public record SubstitutionEntry(String absent, String standIn, LocalDate from, LocalDate to) {}

  public record SalesTeamEntry(String id, String name, String leader, List<String> members) {
    public SalesTeamEntry {
      members = members == null ? List.of() : List.copyOf(members);
    }
  }
}
