package com.zhidu.trainingplan;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The annual training plan as drafted (§5.1.1): goals and courses. Each course is one line
 * {@code title | category | method | trainer | YYYY-MM-DD | participants | budget} with category
 * general/professional/management (§5.2), method internal/external/online (§5.3), participants as user ids
 * separated by commas, budget in TWD (up to two decimals, stored in minor units). {@link #read} refuses bad
 * input with every problem, each naming its field ({@code goals}, {@code courses}) and the course line.
 */
public record TrainingPlanContent(String goals, List<Course> courses) {

  public static final String GOALS = "goals";
  public static final String COURSES = "courses";
  public static final List<String> CATEGORIES = List.of("general", "professional", "management");
  public static final List<String> METHODS = List.of("internal", "external", "online");

  public record Course(String title, String category, String method, String trainer, LocalDate date,
      List<String> participants, long budgetMinor) {}

  public long totalBudgetMinor() {
    return courses.stream().mapToLong(Course::budgetMinor).sum();
  }

  public String coursesText() {
    StringBuilder text = new StringBuilder();
    for (Course c : courses) {
      text.append(c.title()).append(" | ").append(c.category()).append(" | ").append(c.method()).append(" | ")
          .append(c.trainer()).append(" | ").append(c.date()).append(" | ").append(String.join(",", c.participants()))
          .append(" | ").append(BigDecimal.valueOf(c.budgetMinor(), 2).toPlainString()).append('\n');
    }
    return text.toString().trim();
  }

  /** Reads and checks the plan for {@code year}; {@code today} is the company date (no course in the past). */
  public static TrainingPlanContent read(Function<String, Object> variables, int year, LocalDate today,
      OrganizationService organization) {
    List<Refusal.Error> errors = new ArrayList<>();
    String goals = text(variables.apply(GOALS));
    if (goals.isEmpty()) {
      errors.add(new Refusal.Error(GOALS, "請填寫「培訓目標」。", "goals are required"));
    } else if (goals.length() > 4000) {
      errors.add(new Refusal.Error(GOALS, "「培訓目標」不可超過4000字。", "goals must be at most 4000 characters"));
    }
    List<Course> courses = new ArrayList<>();
    String[] lines = text(variables.apply(COURSES)).split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (!line.isEmpty()) {
        Course course = course(line, i + 1, year, today, organization, errors);
        if (course != null) courses.add(course);
      }
    }
    if (courses.isEmpty() && errors.stream().noneMatch(e -> COURSES.equals(e.field()))) {
      errors.add(new Refusal.Error(COURSES, "請至少列出一門課程。", "at least one course is required"));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return new TrainingPlanContent(goals, List.copyOf(courses));
  }

  private static Course course(String line, int n, int year, LocalDate today, OrganizationService organization,
      List<Refusal.Error> errors) {
    String zh = "「課程」第 " + n + " 行";
    String en = "courses line " + n;
    String[] p = line.split("\\|", -1);
    if (p.length != 7) {
      errors.add(new Refusal.Error(COURSES, zh + "格式應為「名稱 | 類別 | 方式 | 講師 | 日期 | 參加人 | 預算」",
          en + " must be 'title | category | method | trainer | YYYY-MM-DD | participants | budget'"));
      return null;
    }
    int before = errors.size();
    String title = p[0].trim();
    String category = p[1].trim();
    String method = p[2].trim();
    String trainer = p[3].trim();
    if (title.isEmpty() || title.length() > 200) {
      errors.add(new Refusal.Error(COURSES, zh + "的「名稱」必須填寫(最多200字)", en + ": title is required (at most 200)"));
    }
    if (!CATEGORIES.contains(category)) {
      errors.add(new Refusal.Error(COURSES, zh + "的「類別」應為 general(通用)、professional(專業)或 management(管理)",
          en + ": category must be general, professional or management"));
    }
    if (!METHODS.contains(method)) {
      errors.add(new Refusal.Error(COURSES, zh + "的「方式」應為 internal(內部)、external(外部)或 online(線上)",
          en + ": method must be internal, external or online"));
    }
    if (trainer.isEmpty() || trainer.length() > 200) {
      errors.add(new Refusal.Error(COURSES, zh + "的「講師」必須填寫(最多200字)", en + ": trainer is required"));
    }
    LocalDate date = null;
    try {
      date = LocalDate.parse(p[4].trim());
      if (date.isBefore(today)) {
        errors.add(new Refusal.Error(COURSES, zh + "的「日期」" + date + " 已經過去", en + ": date " + date + " is in the past"));
      } else if (date.getYear() != year) {
        errors.add(new Refusal.Error(COURSES, zh + "的「日期」" + date + " 不在 " + year + " 年度",
            en + ": date " + date + " is not in " + year));
      }
    } catch (DateTimeParseException e) {
      errors.add(new Refusal.Error(COURSES, zh + "的「日期」應為 YYYY-MM-DD", en + ": date must be YYYY-MM-DD"));
    }
    Set<String> participants = new LinkedHashSet<>();
    for (String id : p[5].split("[,,、\\s]+")) {
      if (!id.isBlank()) participants.add(id.trim());
    }
    if (participants.isEmpty()) {
      errors.add(new Refusal.Error(COURSES, zh + "的「參加人」不可為空", en + ": participants must not be empty"));
    }
    for (String id : participants) {
      if (organization.user(id).isEmpty()) {
        errors.add(new Refusal.Error(COURSES, zh + "的參加人 " + id + " 不是本部門的使用者",
            en + ": participant " + id + " is not a user of the organisation"));
      }
    }
    long budgetMinor = 0;
    try {
      BigDecimal budget = new BigDecimal(p[6].trim().replace(",", ""));
      if (budget.signum() < 0) {
        errors.add(new Refusal.Error(COURSES, zh + "的「預算」不可為負數", en + ": budget must not be negative"));
      } else if (budget.scale() > 2 || budget.compareTo(new BigDecimal("100000000")) > 0) {
        errors.add(new Refusal.Error(COURSES, zh + "的「預算」最多兩位小數、不超過一億元",
            en + ": budget has at most two decimals and at most 100,000,000"));
      } else {
        budgetMinor = budget.movePointRight(2).longValueExact();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      errors.add(new Refusal.Error(COURSES, zh + "的「預算」應為金額(新台幣元)", en + ": budget must be an amount in TWD"));
    }
    if (errors.size() > before) {
      return null;
    }
    return new Course(title, category, method, trainer, date, List.copyOf(participants), budgetMinor);
  }

  /** Parses stored course lines again (they were checked when drafted). */
  public static List<Course> parseStored(String coursesText, OrganizationService organization, int year) {
    return read(name -> COURSES.equals(name) ? coursesText : "stored", year, LocalDate.of(year, 1, 1), organization)
        .courses();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
