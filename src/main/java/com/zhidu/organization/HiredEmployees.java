package com.zhidu.organization;

import com.zhidu.organization.OrganizationFile.UserEntry;
import java.util.List;
import java.util.Optional;

/**
 * Employees who joined the organisation through the hiring-request procedure (§3.2.3) after the organisation
 * file was written: {@link OrganizationService} adds them to what the file lists. {@link #NONE} for unit tests
 * that build the organisation from a file alone.
 */
public interface HiredEmployees {

  /** A hired employee as the organisation sees them: user (groups = the request's group), sales team or null. */
  record Hired(UserEntry user, String team) {}

  HiredEmployees NONE = new HiredEmployees() {
    @Override
    public Optional<Hired> find(String userId) {
      return Optional.empty();
    }

    @Override
    public List<Hired> inGroupOrTeam(String groupId) {
      return List.of();
    }

    @Override
    public List<Hired> inAnyGroup(List<String> groupIds) {
      return List.of();
    }
  };

  Optional<Hired> find(String userId);

  /** Those whose group or sales team is {@code groupId}, in the order they were added. */
  List<Hired> inGroupOrTeam(String groupId);

  /** Those whose group is one of {@code groupIds}, in the order they were added. */
  List<Hired> inAnyGroup(List<String> groupIds);
}
