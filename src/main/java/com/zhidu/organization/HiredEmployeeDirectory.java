package com.zhidu.organization;

import com.zhidu.organization.OrganizationFile.UserEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The employees hiring-request added to the organisation: hired_employee rows whose added_at is set (the
 * addEmployee step made their Camunda user and memberships). Asked per call, never cached in the JVM: another
 * node's hire is visible at once, and inside the engine's transaction so is a hire of the same transaction.
 * Each call is one query on an indexed column (V27).
 */
@Component
public class HiredEmployeeDirectory implements HiredEmployees {

  private static final String COLUMNS = "select user_id, name, email, member_group, team, line_manager"
      + " from hired_employee where added_at is not null";

  private final JdbcTemplate jdbc;

  public HiredEmployeeDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Hired> find(String userId) {
    if (userId == null) return Optional.empty();
    return jdbc.query(COLUMNS + " and user_id = ?", HiredEmployeeDirectory::hired, userId).stream().findFirst();
  }

  @Override
  public List<Hired> inGroupOrTeam(String groupId) {
    if (groupId == null) return List.of();
    return jdbc.query(COLUMNS + " and (member_group = ? or team = ?) order by added_at, id",
        HiredEmployeeDirectory::hired, groupId, groupId);
  }

  @Override
  public List<Hired> inAnyGroup(List<String> groupIds) {
    if (groupIds.isEmpty()) return List.of();
    List<Object> args = new ArrayList<>(groupIds);
    return jdbc.query(COLUMNS + " and member_group in (" + String.join(",", Collections.nCopies(groupIds.size(), "?"))
        + ") order by added_at, id", HiredEmployeeDirectory::hired, args.toArray());
  }

  private static Hired hired(ResultSet rs, int row) throws SQLException {
    return new Hired(new UserEntry(rs.getString("user_id"), rs.getString("name"), rs.getString("email"),
        List.of(rs.getString("member_group")), rs.getString("line_manager")), rs.getString("team"));
  }
}
