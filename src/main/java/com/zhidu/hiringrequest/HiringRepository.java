package com.zhidu.hiringrequest;

import com.zhidu.organization.OrganizationService;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Hiring requests and the employees hired through them (§3.2.3). Registered as {@code hiringRepository} so
 * the BPMN can ask it (the review's inputs, one recruitment per headcount, the new employee of the onboarding
 * task). Joins the engine's transaction.
 */
@Repository("hiringRepository")
public class HiringRepository {

  public static final String IN_REVIEW = "inReview";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String WITHDRAWN = "withdrawn";
  /** The review's subject type (review_decision.subject_type). */
  public static final String SUBJECT_TYPE = "hiringRequest";

  public record Request(long id, String processInstanceId, String requestedBy, String role, String memberGroup,
      String team, int headcount, String reason, long budgetMinor, String status, int version) {}

  public record Hire(long requestId, int slot, String userId, String name, String email, String memberGroup,
      String team, String lineManager, String recordedBy, Timestamp addedAt, Timestamp onboardedAt, String onboardingNote) {}

  private final JdbcTemplate jdbc;
  private final OrganizationService organization;

  public HiringRepository(JdbcTemplate jdbc, OrganizationService organization) {
    this.jdbc = jdbc;
    this.organization = organization;
  }

  public long createOnce(String processInstanceId, HiringRequestContent c, String requestedBy) {
    Optional<Request> existing = findByProcess(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into hiring_request (process_instance_id, requested_by, role_title, member_group, team, headcount,"
            + " reason, budget_minor, status, created_at) values (?,?,?,?,?,?,?,?,?,?)",
        processInstanceId, requestedBy, c.role(), c.memberGroup(), c.team(), c.headcount(), c.reason(), c.budgetMinor(),
        IN_REVIEW, now());
    return findByProcess(processInstanceId).orElseThrow().id();
  }

  public Optional<Request> findByProcess(String processInstanceId) {
    return jdbc.query("select * from hiring_request where process_instance_id = ?", (rs, row) -> request(rs),
        processInstanceId).stream().findFirst();
  }

  public Request request(long id) {
    return jdbc.queryForObject("select * from hiring_request where id = ?", (rs, row) -> request(rs), id);
  }

  public String authorOf(long id) {
    return request(id).requestedBy();
  }

  /** The version under review: 1, +1 per revision after a review sent the request back. */
  public int versionOf(long id) {
    return request(id).version();
  }

  /**
   * The requester's revision after a review sent {@code version} back: keeps that version in
   * hiring_request_version, writes the revised content as version + 1 and puts it back in review. Only while the
   * request still stands at {@code version}, so a retried job adds nothing.
   */
  public void reviseOnce(long id, int version, HiringRequestContent c, String by) {
    Request old = request(id);
    if (old.version() != version) {
      return;
    }
    jdbc.update("insert into hiring_request_version (request_id, version, role_title, member_group, team, headcount,"
            + " reason, budget_minor, replaced_by, replaced_at) values (?,?,?,?,?,?,?,?,?,?)", id, old.version(),
        old.role(), old.memberGroup(), old.team(), old.headcount(), old.reason(), old.budgetMinor(), by, now());
    jdbc.update("update hiring_request set role_title = ?, member_group = ?, team = ?, headcount = ?, reason = ?,"
            + " budget_minor = ?, status = ?, version = ? where id = ? and version = ?", c.role(), c.memberGroup(),
        c.team(), c.headcount(), c.reason(), c.budgetMinor(), IN_REVIEW, version + 1, id, version);
  }

  /** Earlier versions of a request, oldest first (role, headcount, reason as they were). */
  public List<Request> earlierVersionsOf(long id) {
    Request current = request(id);
    return jdbc.query("select * from hiring_request_version where request_id = ? order by version",
        (rs, row) -> new Request(id, current.processInstanceId(), current.requestedBy(), rs.getString("role_title"),
            rs.getString("member_group"), rs.getString("team"), rs.getInt("headcount"), rs.getString("reason"),
            rs.getLong("budget_minor"), REJECTED, rs.getInt("version")), id);
  }

  /** The requester withdrew the request after a review sent it back. */
  public void withdraw(long id) {
    setStatus(id, WITHDRAWN);
  }

  /** The manager cannot review a request he raised (four-eyes): then leadership approves it alone. */
  public boolean managerReviewRequired(long id) {
    return !isManager(authorOf(id));
  }

  private boolean isManager(String userId) {
    return organization.user(userId).map(u -> u.groups().contains("deptManager")).orElse(false);
  }

  public String titleOf(long id) {
    Request r = request(id);
    return "人員招聘申請:" + r.role() + " " + r.headcount() + " 名";
  }

  public String contentTextOf(long id) {
    Request r = request(id);
    return "職位:" + r.role() + "\n小組:" + r.memberGroup() + (r.team() == null ? "" : "\n銷售團隊:" + r.team())
        + "\n人數:" + r.headcount() + "\n預算:新台幣 " + BigDecimal.valueOf(r.budgetMinor(), 2).toPlainString()
        + " 元\n理由:" + r.reason();
  }

  public void setStatus(long id, String status) {
    jdbc.update("update hiring_request set status = ? where id = ?", status, id);
  }

  /** One recruitment per approved head: 1..headcount. */
  public List<Integer> slotsOf(long id) {
    return IntStream.rangeClosed(1, request(id).headcount()).boxed().toList();
  }

  public void recordHire(long requestId, int slot, String userId, String name, String email, String lineManager,
      String recordedBy) {
    Request r = request(requestId);
    jdbc.update("insert into hired_employee (request_id, slot, user_id, name, email, member_group, team, line_manager,"
            + " recorded_by, recorded_at) values (?,?,?,?,?,?,?,?,?,?)", requestId, slot, userId, name, email,
        r.memberGroup(), r.team(), lineManager, recordedBy, now());
  }

  public boolean userIdTaken(String userId) {
    Integer n = jdbc.queryForObject("select count(*) from hired_employee where user_id = ?", Integer.class, userId);
    return n != null && n > 0;
  }

  public Hire hire(long requestId, int slot) {
    return jdbc.queryForObject("select * from hired_employee where request_id = ? and slot = ?", (rs, row) -> hire(rs),
        requestId, slot);
  }

  public List<Hire> hires(long requestId) {
    return jdbc.query("select * from hired_employee where request_id = ? order by slot", (rs, row) -> hire(rs), requestId);
  }

  public String newEmployeeOf(long requestId, int slot) {
    return hire(requestId, slot).userId();
  }

  public void markAdded(long requestId, int slot) {
    jdbc.update("update hired_employee set added_at = ? where request_id = ? and slot = ? and added_at is null", now(),
        requestId, slot);
  }

  public void markOnboarded(long requestId, int slot, String note) {
    jdbc.update("update hired_employee set onboarded_at = ?, onboarding_note = ? where request_id = ? and slot = ?",
        now(), note, requestId, slot);
  }

  private static Request request(ResultSet rs) throws SQLException {
    return new Request(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("requested_by"),
        rs.getString("role_title"), rs.getString("member_group"), rs.getString("team"), rs.getInt("headcount"),
        rs.getString("reason"), rs.getLong("budget_minor"), rs.getString("status"), rs.getInt("version"));
  }

  private static Hire hire(ResultSet rs) throws SQLException {
    return new Hire(rs.getLong("request_id"), rs.getInt("slot"), rs.getString("user_id"), rs.getString("name"),
        rs.getString("email"), rs.getString("member_group"), rs.getString("team"), rs.getString("line_manager"),
        rs.getString("recorded_by"), rs.getTimestamp("added_at"), rs.getTimestamp("onboarded_at"),
        rs.getString("onboarding_note"));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
