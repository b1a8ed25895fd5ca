package com.zhidu.trainingplan;

import com.zhidu.organization.OrganizationService;
import com.zhidu.trainingplan.TrainingPlanContent.Course;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Training plans, versions, courses, enrolments, evaluations and summaries (§5): the source of truth for
 * author, content, attendance, scores and ratings. Registered as {@code trainingRepository} so the BPMN can
 * ask it (the plan's author, the review's inputs, the courses and participants of the delivery). Joins the
 * engine's transaction.
 */
@Repository("trainingRepository")
public class TrainingRepository {

  public static final String DRAFT = "draft";
  public static final String IN_REVIEW = "inReview";
  public static final String APPROVED = "approved";
  public static final String SUMMARIZED = "summarized";
  public static final String PLANNED = "planned";
  public static final String NOMINATION_REJECTED = "nominationRejected";
  public static final String HELD = "held";

  public record Plan(long id, String processInstanceId, int year, String author, String status, Integer approvedVersion) {}

  public record CourseRow(long id, long planId, int seq, String title, String category, String method, String trainer,
      LocalDate date, long budgetMinor, String status, String nominationDecision, String nominationBy) {}

  public record Enrolment(long courseId, String participant, Boolean attended, Integer examScore, String reflection,
      String applicationRating, String assessedBy) {}

  public record Summary(long planId, int year, int enrolled, int attended, BigDecimal averageScore, String text) {}

  private final JdbcTemplate jdbc;
  private final OrganizationService organization;
  private final ZoneId zone;

  public TrainingRepository(JdbcTemplate jdbc, OrganizationService organization,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.jdbc = jdbc;
    this.organization = organization;
    this.zone = zone;
  }

  public long createOnce(String processInstanceId, int year, String author) {
    Optional<Plan> existing = findByProcess(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into training_plan (process_instance_id, plan_year, author, status, created_at) values (?,?,?,?,?)",
        processInstanceId, year, author, DRAFT, now());
    return findByProcess(processInstanceId).orElseThrow().id();
  }

  public Optional<Plan> findByProcess(String processInstanceId) {
    return jdbc.query("select * from training_plan where process_instance_id = ?", (rs, row) -> plan(rs),
        processInstanceId).stream().findFirst();
  }

  public Plan plan(long planId) {
    return jdbc.queryForObject("select * from training_plan where id = ?", (rs, row) -> plan(rs), planId);
  }

  public String authorOf(long planId) {
    return plan(planId).author();
  }

  /** Stores the next version and puts the plan in review; returns the version number. */
  public int addVersion(long planId, TrainingPlanContent content, String createdBy) {
    int version = versions(planId).size() + 1;
    jdbc.update("insert into training_plan_version (plan_id, version, goals, courses, total_budget_minor, created_by,"
            + " created_at) values (?,?,?,?,?,?,?)",
        planId, version, content.goals(), content.coursesText(), content.totalBudgetMinor(), createdBy, now());
    jdbc.update("update training_plan set status = ? where id = ?", IN_REVIEW, planId);
    return version;
  }

  public List<Integer> versions(long planId) {
    return jdbc.queryForList("select version from training_plan_version where plan_id = ? order by version",
        Integer.class, planId);
  }

  public int latestVersionOf(long planId) {
    List<Integer> versions = versions(planId);
    return versions.get(versions.size() - 1);
  }

  public String createdByOf(long planId, int version) {
    return jdbc.queryForObject("select created_by from training_plan_version where plan_id = ? and version = ?",
        String.class, planId, version);
  }

  public String goalsOf(long planId, int version) {
    return jdbc.queryForObject("select goals from training_plan_version where plan_id = ? and version = ?",
        String.class, planId, version);
  }

  public String coursesOf(long planId, int version) {
    return jdbc.queryForObject("select courses from training_plan_version where plan_id = ? and version = ?",
        String.class, planId, version);
  }

  /** The manager cannot review a plan he drafted (four-eyes): then leadership approves it alone. */
  public boolean managerReviewRequired(long planId) {
    return organization.user(authorOf(planId)).map(u -> !u.groups().contains("deptManager")).orElse(true);
  }

  public String titleOf(long planId) {
    return plan(planId).year() + " 年度培訓計劃";
  }

  public String summaryOf(long planId) {
    int version = latestVersionOf(planId);
    long budget = jdbc.queryForObject("select total_budget_minor from training_plan_version where plan_id = ?"
        + " and version = ?", Long.class, planId, version);
    return "第 " + version + " 版;總預算 新台幣 " + BigDecimal.valueOf(budget, 2).toPlainString() + " 元";
  }

  public String contentTextOf(long planId) {
    int version = latestVersionOf(planId);
    return "培訓目標:\n" + goalsOf(planId, version) + "\n\n課程(名稱 | 類別 | 方式 | 講師 | 日期 | 參加人 | 預算):\n"
        + coursesOf(planId, version);
  }

  /** On approval: the approved version's courses and their enrolments, once. */
  public void approve(long planId) {
    Plan plan = plan(planId);
    int version = latestVersionOf(planId);
    jdbc.update("update training_plan set status = ?, approved_version = ? where id = ?", APPROVED, version, planId);
    Integer existing = jdbc.queryForObject("select count(*) from training_course where plan_id = ?", Integer.class, planId);
    if (existing != null && existing > 0) {
      return;
    }
    List<Course> courses = TrainingPlanContent.parseStored(coursesOf(planId, version), organization, plan.year());
    for (int i = 0; i < courses.size(); i++) {
      Course c = courses.get(i);
      jdbc.update("insert into training_course (plan_id, seq, title, category, method, trainer, course_date, budget_minor,"
              + " status) values (?,?,?,?,?,?,?,?,?)", planId, i + 1, c.title(), c.category(), c.method(), c.trainer(),
          Date.valueOf(c.date()), c.budgetMinor(), PLANNED);
      long courseId = jdbc.queryForObject("select id from training_course where plan_id = ? and seq = ?", Long.class,
          planId, i + 1);
      for (String participant : c.participants()) {
        jdbc.update("insert into training_enrolment (course_id, participant) values (?,?)", courseId, participant);
      }
    }
  }

  public List<Long> courseIdsOf(long planId) {
    return jdbc.queryForList("select id from training_course where plan_id = ? order by seq", Long.class, planId);
  }

  public List<CourseRow> courses(long planId) {
    return jdbc.query("select * from training_course where plan_id = ? order by seq", (rs, row) -> course(rs), planId);
  }

  public CourseRow course(long courseId) {
    return jdbc.queryForObject("select * from training_course where id = ?", (rs, row) -> course(rs), courseId);
  }

  public boolean isExternal(long courseId) {
    return "external".equals(course(courseId).method());
  }

  public boolean nominationApproved(long courseId) {
    return "approved".equals(course(courseId).nominationDecision());
  }

  /** When the course is over: 18:00 (company time zone) on its date; attendance is recorded after it. */
  public java.util.Date courseEndOf(long courseId) {
    return java.util.Date.from(course(courseId).date().atTime(18, 0).atZone(zone).toInstant());
  }

  public String courseText(long courseId) {
    CourseRow c = course(courseId);
    return c.title() + "(" + categoryZh(c.category()) + "/" + methodZh(c.method()) + ",講師 " + c.trainer() + ","
        + c.date() + ")";
  }

  public void recordNomination(long courseId, String decision, String comment, String by) {
    jdbc.update("update training_course set nomination_decision = ?, nomination_comment = ?, nomination_by = ?,"
            + " status = ? where id = ?", decision, comment, by, "approved".equals(decision) ? PLANNED : NOMINATION_REJECTED,
        courseId);
  }

  public List<String> participantsOf(long courseId) {
    return jdbc.queryForList("select participant from training_enrolment where course_id = ? order by id", String.class,
        courseId);
  }

  public void recordAttendance(long courseId, List<String> absent, String by) {
    jdbc.update("update training_enrolment set attended = true where course_id = ?", courseId);
    for (String participant : absent) {
      jdbc.update("update training_enrolment set attended = false where course_id = ? and participant = ?",
          courseId, participant);
    }
    jdbc.update("update training_course set status = ?, attendance_by = ? where id = ?", HELD, by, courseId);
  }

  /** Participants who attended: each evaluates the course, and their line manager assesses application. */
  public List<String> attendeesOf(long courseId) {
    return jdbc.queryForList("select participant from training_enrolment where course_id = ? and attended = true"
        + " order by id", String.class, courseId);
  }

  /** The participant's line manager; the head of hr when the organisation file names none. */
  public String assessorOf(String participant) {
    String manager = organization.lineManagerOf(participant);
    return manager != null ? manager : organization.headOf("hr");
  }

  public void recordEvaluation(long courseId, String participant, Integer score, String reflection) {
    jdbc.update("update training_enrolment set exam_score = ?, reflection = ?, evaluated_at = ? where course_id = ?"
        + " and participant = ?", score, reflection, now(), courseId, participant);
  }

  public void recordApplication(long courseId, String participant, String rating, String comment, String by) {
    jdbc.update("update training_enrolment set application_rating = ?, application_comment = ?, assessed_by = ?,"
        + " assessed_at = ? where course_id = ? and participant = ?", rating, comment, by, now(), courseId, participant);
  }

  public List<Enrolment> enrolments(long courseId) {
    return jdbc.query("select * from training_enrolment where course_id = ? order by id", (rs, row) -> new Enrolment(
        rs.getLong("course_id"), rs.getString("participant"), (Boolean) rs.getObject("attended", Boolean.class),
        (Integer) rs.getObject("exam_score", Integer.class), rs.getString("reflection"),
        rs.getString("application_rating"), rs.getString("assessed_by")), courseId);
  }

  /** §5.4.2: summarises attendance, scores and ratings of every course of the plan, once. */
  public Summary summarize(long planId) {
    Optional<Summary> existing = summaryOfPlan(planId);
    if (existing.isPresent()) {
      return existing.get();
    }
    Plan plan = plan(planId);
    int enrolled = 0;
    int attended = 0;
    int scored = 0;
    long scoreSum = 0;
    StringBuilder text = new StringBuilder();
    for (CourseRow c : courses(planId)) {
      List<Enrolment> rows = enrolments(c.id());
      text.append("・").append(c.title()).append("(").append(categoryZh(c.category())).append("/")
          .append(methodZh(c.method())).append("):");
      if (NOMINATION_REJECTED.equals(c.status())) {
        text.append("外部培訓提名未獲批准,未舉辦\n");
        continue;
      }
      int courseAttended = 0;
      int courseScored = 0;
      long courseScoreSum = 0;
      int[] ratings = new int[4];
      for (Enrolment e : rows) {
        enrolled++;
        if (Boolean.TRUE.equals(e.attended())) {
          attended++;
          courseAttended++;
        }
        if (e.examScore() != null) {
          scored++;
          courseScored++;
          scoreSum += e.examScore();
          courseScoreSum += e.examScore();
        }
        int r = e.applicationRating() == null ? -1 : RATINGS.indexOf(e.applicationRating());
        if (r >= 0) ratings[r]++;
      }
      text.append("出席 ").append(courseAttended).append("/").append(rows.size());
      if (courseScored > 0) {
        text.append(",平均考試成績 ").append(BigDecimal.valueOf(courseScoreSum * 10 / courseScored, 1).toPlainString());
      }
      text.append(",工作應用評價:");
      for (int i = 0; i < RATINGS.size(); i++) {
        text.append(i == 0 ? "" : "、").append(ratingZh(RATINGS.get(i))).append(" ").append(ratings[i]);
      }
      text.append('\n');
    }
    BigDecimal average = scored == 0 ? null : BigDecimal.valueOf(scoreSum * 10 / scored, 1);
    String heading = plan.year() + " 年度培訓總結:出席 " + attended + "/" + enrolled
        + (average == null ? "" : ",平均考試成績 " + average.toPlainString()) + "\n";
    String summary = heading + text.toString().trim();
    jdbc.update("insert into training_summary (plan_id, plan_year, enrolled, attended, average_score, summary,"
        + " created_at) values (?,?,?,?,?,?,?)", planId, plan.year(), enrolled, attended, average, summary, now());
    jdbc.update("update training_plan set status = ? where id = ?", SUMMARIZED, planId);
    return summaryOfPlan(planId).orElseThrow();
  }

  public Optional<Summary> summaryOfPlan(long planId) {
    return jdbc.query("select * from training_summary where plan_id = ?", (rs, row) -> summary(rs), planId)
        .stream().findFirst();
  }

  /** The summary shown to the author of the {@code year} plan: the latest summary of an earlier year. */
  public String previousSummaryFor(int year) {
    return jdbc.query("select * from training_summary where plan_year < ? order by plan_year desc, id desc",
        (rs, row) -> summary(rs), year).stream().findFirst().map(Summary::text).orElse("(尚無往年培訓總結)");
  }

  static final List<String> RATINGS = List.of("excellent", "good", "fair", "poor");

  static String ratingZh(String rating) {
    return switch (rating) {
      case "excellent" -> "優秀";
      case "good" -> "良好";
      case "fair" -> "尚可";
      default -> "待改進";
    };
  }

  static String categoryZh(String category) {
    return switch (category) {
      case "general" -> "通用";
      case "professional" -> "專業";
      default -> "管理";
    };
  }

  static String methodZh(String method) {
    return switch (method) {
      case "internal" -> "內部";
      case "external" -> "外部";
      default -> "線上";
    };
  }

  private static Summary summary(ResultSet rs) throws SQLException {
    return new Summary(rs.getLong("plan_id"), rs.getInt("plan_year"), rs.getInt("enrolled"), rs.getInt("attended"),
        rs.getBigDecimal("average_score"), rs.getString("summary"));
  }

  private static Plan plan(ResultSet rs) throws SQLException {
    return new Plan(rs.getLong("id"), rs.getString("process_instance_id"), rs.getInt("plan_year"), rs.getString("author"),
        rs.getString("status"), (Integer) rs.getObject("approved_version", Integer.class));
  }

  private static CourseRow course(ResultSet rs) throws SQLException {
    return new CourseRow(rs.getLong("id"), rs.getLong("plan_id"), rs.getInt("seq"), rs.getString("title"),
        rs.getString("category"), rs.getString("method"), rs.getString("trainer"), rs.getDate("course_date").toLocalDate(),
        rs.getLong("budget_minor"), rs.getString("status"), rs.getString("nomination_decision"),
        rs.getString("nomination_by"));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
