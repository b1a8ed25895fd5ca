package com.zhidu.organization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zhidu.organization.OrganizationFile.GroupEntry;
import com.zhidu.organization.OrganizationFile.SalesTeamEntry;
import com.zhidu.organization.OrganizationFile.UserEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Answers questions about the organisation (§2.1, §2.2): the organisation file, plus the employees the
 * hiring-request procedure added since (§3.2.3, {@link HiredEmployees}: their group, sales team and recorded
 * line manager). The file stays authoritative for every user it lists; a hired employee it does not list is
 * read from the database on each question (no JVM-local copy, so a hire on another node counts at once).
 * Registered as the bean {@code organization} so BPMN expressions can ask it, e.g.
 * {@code camunda:candidateUsers="${organization.managerReviewStandIns(area)}"}.
 */
@Service("organization")
public class OrganizationService {

  /** Camunda's default resource-id whitelist: no hyphens except the built-in admin group. */
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]+|camunda-admin");

  private final OrganizationFile file;
  private final ZoneId zone;
  private final HiredEmployees hired;
  private final Set<String> fileUsers = new HashSet<>();

  @Autowired
  public OrganizationService(
      @Value("${zhidu.organization.location}") Resource location,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone, HiredEmployees hired) {
    this(read(location), zone, hired);
  }

  /** The organisation of the file alone (unit tests). */
  public OrganizationService(OrganizationFile file, ZoneId zone) {
    this(file, zone, HiredEmployees.NONE);
  }

  public OrganizationService(OrganizationFile file, ZoneId zone, HiredEmployees hired) {
    this.file = file;
    this.zone = zone;
    this.hired = hired;
    check(file);
    file.users().forEach(u -> fileUsers.add(u.id()));
  }

  public OrganizationFile file() {
    return file;
  }

  /** The line manager of a user (the superior in appraisals, target of escalations), if any. */
  public String lineManagerOf(String userId) {
    return user(userId).map(UserEntry::manager).orElse(null);
  }

  /** The head of a group, e.g. {@code headOf('crm')}. */
  public String headOf(String groupId) {
    return file.groups().stream().filter(g -> g.id().equals(groupId)).map(GroupEntry::head)
        .findFirst().orElse(null);
  }

  /** Deputy managers owning the area (§2.2.2). */
  public List<String> deputiesFor(String area) {
    return file.deputies().stream().filter(d -> d.areas().contains(area)).map(d -> d.user()).toList();
  }

  /** Users standing in for {@code userId} today according to the dated substitutions. */
  public List<String> standInsFor(String userId) {
    // The engine clock, so tests that move it see the substitutions of that day.
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    return file.substitutions().stream()
        .filter(s -> s.absent().equals(userId))
        .filter(s -> !today.isBefore(s.from()) && !today.isAfter(s.to()))
        .map(s -> s.standIn()).toList();
  }

  /**
   * Who may do the department manager's review of a subject from {@code area}, besides the
   * {@code deptManager} group: the deputies owning the area and today's stand-ins of the manager.
   * A list, which {@code camunda:candidateUsers} accepts: an empty one adds no candidate, whereas an
   * empty comma-separated string would add a blank candidate user.
   */
  public List<String> managerReviewStandIns(String area) {
    Set<String> users = new LinkedHashSet<>(area == null ? List.of() : deputiesFor(area));
    users.addAll(standInsFor(headOf("deptManager")));
    return List.copyOf(users);
  }

  /** Members of a sales team (group id {@code salesTeam<Name>}): the file's, then those hired into it. */
  public List<String> membersOfTeam(String teamId) {
    Optional<SalesTeamEntry> team = file.salesTeams().stream().filter(t -> t.id().equals(teamId)).findFirst();
    if (team.isEmpty()) return List.of();
    Set<String> members = new LinkedHashSet<>(team.get().members());
    hiredOnly(hired.inGroupOrTeam(teamId)).stream().filter(h -> teamId.equals(h.team()))
        .forEach(h -> members.add(h.user().id()));
    return List.copyOf(members);
  }

  /** The sales teams a user belongs to (none for most). */
  public List<String> teamsOf(String userId) {
    if (fileUsers.contains(userId)) {
      return file.salesTeams().stream().filter(t -> t.members().contains(userId)).map(SalesTeamEntry::id).toList();
    }
    return hired.find(userId).map(HiredEmployees.Hired::team).map(List::of).orElse(List.of());
  }

  /** The person who delivers a kind of operating data (§3.4.1): sales, finance, production, inventory. */
  public String dataOwnerOf(String kind) {
    return file.dataOwners().get(kind);
  }

  public String meetingSecretary() {
    return file.meetingSecretary();
  }

  /** Members of a group (sales teams included): the file's, then those hired into it. One query. */
  public List<String> membersOf(String groupId) {
    Set<String> members = new LinkedHashSet<>(file.users().stream()
        .filter(u -> u.groups().contains(groupId)).map(UserEntry::id).toList());
    file.salesTeams().stream().filter(t -> t.id().equals(groupId)).forEach(t -> members.addAll(t.members()));
    hiredOnly(hired.inGroupOrTeam(groupId)).forEach(h -> members.add(h.user().id()));
    return List.copyOf(members);
  }

  /**
   * The members of several groups, each once, in the order of the groups: e.g. the approvers of a 會簽 step,
   * {@code organization.membersOfGroups('deptManager,leadership')}.
   */
  public List<String> membersOfGroups(String groupIds) {
    Set<String> members = new LinkedHashSet<>();
    for (String groupId : groupIds.split(",")) {
      members.addAll(membersOf(groupId.trim()));
    }
    return List.copyOf(members);
  }

  /** Every user in at least one of the groups, the file's in its order, then the hired ones. One query. */
  public List<UserEntry> usersInAnyOf(List<String> groupIds) {
    List<UserEntry> users = new ArrayList<>(file.users().stream()
        .filter(u -> u.groups().stream().anyMatch(groupIds::contains)).toList());
    hiredOnly(hired.inAnyGroup(groupIds)).forEach(h -> users.add(h.user()));
    return users;
  }

  /** A user of the file, or else a hired employee (no query for the file's users). */
  public Optional<UserEntry> user(String userId) {
    Optional<UserEntry> listed = file.users().stream().filter(u -> u.id().equals(userId)).findFirst();
    return listed.isPresent() ? listed : hired.find(userId).map(HiredEmployees.Hired::user);
  }

  /** The file is authoritative for the users it lists: a hire record of such a user is ignored. */
  private List<HiredEmployees.Hired> hiredOnly(List<HiredEmployees.Hired> found) {
    return found.stream().filter(h -> !fileUsers.contains(h.user().id())).toList();
  }

  public String displayName(String userId) {
    return user(userId).map(UserEntry::name).orElse(userId);
  }

  static OrganizationFile read(Resource location) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    try (InputStream in = location.getInputStream()) {
      return yaml.readValue(in, OrganizationFile.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the organisation file " + location + ": " + e.getMessage(), e);
    }
  }

  /** Refuses a file whose references do not resolve, naming the bad entry. */
  static void check(OrganizationFile file) {
    List<String> problems = new ArrayList<>();
    Set<String> groups = new HashSet<>();
    file.groups().forEach(g -> groups.add(g.id()));
    file.salesTeams().forEach(t -> groups.add(t.id()));
    Set<String> users = new HashSet<>();
    file.users().forEach(u -> users.add(u.id()));
    for (String id : groups) {
      if (!ID.matcher(id).matches()) problems.add("group id '" + id + "' is not [a-zA-Z0-9]+");
    }
    for (UserEntry u : file.users()) {
      if (!ID.matcher(u.id()).matches()) problems.add("user id '" + u.id() + "' is not [a-zA-Z0-9]+");
      u.groups().stream().filter(g -> !groups.contains(g))
          .forEach(g -> problems.add("user " + u.id() + " is in unknown group " + g));
      if (u.manager() != null && !users.contains(u.manager())) {
        problems.add("user " + u.id() + " has unknown manager " + u.manager());
      }
    }
    file.groups().stream().filter(g -> g.head() != null && !users.contains(g.head()))
        .forEach(g -> problems.add("group " + g.id() + " has unknown head " + g.head()));
    file.deputies().stream().filter(d -> !users.contains(d.user()))
        .forEach(d -> problems.add("unknown deputy " + d.user()));
    file.deputies().forEach(d -> d.areas().stream().filter(a -> !groups.contains(a))
        .forEach(a -> problems.add("deputy " + d.user() + " owns unknown area " + a)));
    file.substitutions().forEach(s -> {
      if (!users.contains(s.absent()) || !users.contains(s.standIn())) {
        problems.add("substitution " + s.absent() + " -> " + s.standIn() + " names an unknown user");
      }
      if (s.from() == null || s.to() == null || s.to().isBefore(s.from())) {
        problems.add("substitution " + s.absent() + " -> " + s.standIn() + " needs from <= to");
      }
    });
    file.salesTeams().forEach(t -> {
      if (!t.id().startsWith("salesTeam")) problems.add("sales team id " + t.id() + " must start with salesTeam");
      t.members().stream().filter(m -> !users.contains(m))
          .forEach(m -> problems.add("sales team " + t.id() + " has unknown member " + m));
    });
    file.dataOwners().forEach((kind, owner) -> {
      if (!users.contains(owner)) problems.add("data owner of " + kind + " is unknown user " + owner);
    });
    if (file.meetingSecretary() != null && !users.contains(file.meetingSecretary())) {
      problems.add("meeting secretary " + file.meetingSecretary() + " is unknown");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The organisation file is inconsistent: " + String.join("; ", problems));
    }
  }
}
