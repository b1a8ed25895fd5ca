package com.zhidu.performanceappraisal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.Period;
import com.zhidu.organization.OrganizationFile.UserEntry;
import com.zhidu.organization.OrganizationService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The appraisal cycle settings process owners edit ({@code processes/appraisal-cycles.yaml}, §4.1.1): on which
 * days each kind of cycle opens, how long an evaluation round runs, how long a customer link is valid and who
 * is appraised. Read at start-up; a wrong entry stops the start-up with a message naming it.
 */
@Component("appraisalCycles")
public class AppraisalCycles {

  /** One kind's opening days: {@code months} empty means every month. */
  public record Schedule(List<Integer> months, int dayOfMonth) {}

  public record Settings(Map<String, Schedule> cycles, String roundDuration, String customerLinkValidity,
      List<String> appraisedGroups) {}

  public static final String CYCLE_KIND = "cycleKind";

  private final Settings settings;
  private final OrganizationService organization;
  private final AppraisalRepository appraisals;

  public AppraisalCycles(@Value("${zhidu.appraisal.cycles:classpath:processes/appraisal-cycles.yaml}") Resource location,
      OrganizationService organization, AppraisalRepository appraisals) {
    this.settings = read(location);
    this.organization = organization;
    this.appraisals = appraisals;
  }

  /**
   * Who the cycle appraises (the multi-instance collection): the members of the appraised groups (or of the
   * cycle's scope group), in the organisation file's order and then the employees hired since (hiring-request),
   * minus those already appraised for this kind and period.
   */
  public List<String> employees(Object cycleId) {
    AppraisalRepository.Cycle cycle = appraisals.cycle(AppraisalRepository.id(cycleId)).orElseThrow();
    List<String> groups = cycle.scopeGroup() == null ? appraisedGroups() : List.of(cycle.scopeGroup());
    return organization.usersInAnyOf(groups).stream()
        .map(UserEntry::id)
        .filter(id -> !appraisals.isAppraised(id, cycle.kind(), cycle.periodStart()))
        .toList();
  }

  /** The employee's role for the weights: the first appraised group (in this file's order) they belong to. */
  public String roleOf(String employeeId) {
    List<String> groups = organization.user(employeeId).map(UserEntry::groups).orElse(List.of());
    return appraisedGroups().stream().filter(groups::contains).findFirst().orElse("other");
  }

  /**
   * The employee's peers (§4.1.3, team members): the other members of their sales team, or, without one, the
   * other members of their role's group. Never the employee.
   */
  public List<String> peersOf(String employeeId) {
    Set<String> peers = new LinkedHashSet<>();
    organization.teamsOf(employeeId).forEach(team -> peers.addAll(organization.membersOfTeam(team)));
    peers.remove(employeeId);
    if (peers.isEmpty()) {
      peers.addAll(organization.membersOf(roleOf(employeeId)));
      peers.remove(employeeId);
    }
    return List.copyOf(peers);
  }

  static Settings read(Resource location) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Settings settings;
    try (InputStream in = location.getInputStream()) {
      settings = yaml.readValue(in, Settings.class);
    } catch (IOException e) {
      throw new IllegalStateException("appraisal-cycles.yaml cannot be read: " + e.getMessage(), e);
    }
    for (String kind : AppraisalPeriod.KINDS) {
      Schedule schedule = settings.cycles() == null ? null : settings.cycles().get(kind);
      if (schedule == null || schedule.dayOfMonth() < 1 || schedule.dayOfMonth() > 28
          || (schedule.months() != null && schedule.months().stream().anyMatch(m -> m < 1 || m > 12))) {
        throw new IllegalStateException("appraisal-cycles.yaml: cycles." + kind
            + " needs dayOfMonth 1..28 and months 1..12");
      }
    }
    Period.parse(settings.roundDuration());
    Period.parse(settings.customerLinkValidity());
    if (settings.appraisedGroups() == null || settings.appraisedGroups().isEmpty()) {
      throw new IllegalStateException("appraisal-cycles.yaml: appraisedGroups is empty");
    }
    return settings;
  }

  /** Whether a cycle of that kind opens on {@code day}. */
  public boolean opensOn(String kind, LocalDate day) {
    Schedule schedule = settings.cycles().get(kind);
    boolean month = schedule.months() == null || schedule.months().isEmpty()
        || schedule.months().contains(day.getMonthValue());
    return month && day.getDayOfMonth() == schedule.dayOfMonth();
  }

  /** The evaluation round's duration (the event sub-process timer). */
  public String roundDuration() {
    return settings.roundDuration();
  }

  public Period customerLinkValidity() {
    return Period.parse(settings.customerLinkValidity());
  }

  public List<String> appraisedGroups() {
    return settings.appraisedGroups();
  }
}
