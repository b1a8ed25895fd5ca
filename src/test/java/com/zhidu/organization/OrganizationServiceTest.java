package com.zhidu.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.organization.HiredEmployees.Hired;
import com.zhidu.organization.OrganizationFile.UserEntry;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The organisation = the file plus the employees hiring-request added; the file wins for whom it lists. */
class OrganizationServiceTest {

  static final OrganizationFile FILE = OrganizationService.read(new ClassPathResource("organization.yaml"));
  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

  /** Two hires: lilei (sales, south team, manager wuming) and a stale record for sunli, whom the file lists. */
  static final List<Hired> HIRES = List.of(
      new Hired(new UserEntry("lilei", "李雷", "lilei@zhidu.example", List.of("sales"), "wuming"), "salesTeamSouth"),
      new Hired(new UserEntry("sunli", "舊紀錄", null, List.of("crm"), "zhengxin"), null),
      new Hired(new UserEntry("hanmei", "韓梅", null, List.of("crm"), "zhengxin"), null));

  static final HiredEmployees FAKE = new HiredEmployees() {
    @Override
    public Optional<Hired> find(String userId) {
      return HIRES.stream().filter(h -> h.user().id().equals(userId)).findFirst();
    }

    @Override
    public List<Hired> inGroupOrTeam(String groupId) {
      return HIRES.stream().filter(h -> h.user().groups().contains(groupId) || groupId.equals(h.team())).toList();
    }

    @Override
    public List<Hired> inAnyGroup(List<String> groupIds) {
      return HIRES.stream().filter(h -> h.user().groups().stream().anyMatch(groupIds::contains)).toList();
    }
  };

  @Test
  void theFileAloneKnowsNoHiredEmployee() {
    OrganizationService organization = new OrganizationService(FILE, TAIPEI);
    assertThat(organization.user("lilei")).isEmpty();
    assertThat(organization.lineManagerOf("lilei")).isNull();
    assertThat(organization.membersOfTeam("salesTeamSouth")).containsExactly("wuming");
  }

  @Test
  void hiredEmployeesArePartOfTheOrganisation() {
    OrganizationService organization = new OrganizationService(FILE, TAIPEI, FAKE);
    assertThat(organization.user("lilei")).map(UserEntry::email).contains("lilei@zhidu.example");
    assertThat(organization.lineManagerOf("lilei")).isEqualTo("wuming");
    assertThat(organization.displayName("lilei")).isEqualTo("李雷");
    assertThat(organization.membersOf("sales")).endsWith("lilei").doesNotHaveDuplicates();
    assertThat(organization.membersOf("salesTeamSouth")).containsExactly("wuming", "lilei");
    assertThat(organization.membersOfTeam("salesTeamSouth")).containsExactly("wuming", "lilei");
    assertThat(organization.membersOfTeam("salesTeamNorth")).containsExactly("sunli", "zhouqiang");
    assertThat(organization.teamsOf("lilei")).containsExactly("salesTeamSouth");
    assertThat(organization.teamsOf("hanmei")).isEmpty();
    assertThat(organization.usersInAnyOf(List.of("crm"))).extracting(UserEntry::id)
        .containsExactly("zhengxin", "xiaoyu", "hanmei");
  }

  @Test
  void theFileStaysAuthoritativeForTheUsersItLists() {
    OrganizationService organization = new OrganizationService(FILE, TAIPEI, FAKE);
    assertThat(organization.displayName("sunli")).isEqualTo("孫麗");
    assertThat(organization.lineManagerOf("sunli")).isEqualTo("zhaolei");
    assertThat(organization.membersOf("crm")).doesNotContain("sunli");
    assertThat(organization.usersInAnyOf(List.of("crm"))).extracting(UserEntry::id).doesNotContain("sunli");
    assertThat(organization.teamsOf("sunli")).containsExactly("salesTeamNorth");
  }
}
