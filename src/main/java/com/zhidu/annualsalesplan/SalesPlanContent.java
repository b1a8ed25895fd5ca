package com.zhidu.annualsalesplan;

import com.zhidu.annualsalesplan.TargetBreakdown.PersonShare;
import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The annual sales plan as entered in the start form or the revise form (§3.2.1), with the rules form-js
 * cannot express: shares summing to 100, salespeople who belong to the team they are listed under,
 * seasonality weights summing to 100. {@link #read} throws a 400 {@link Refusal} naming every bad field.
 */
public record SalesPlanContent(
    int year,
    long targetMinor,
    String strategy,
    String regions,
    String teamSharesText,
    String personSharesText,
    int[] seasonality,
    String kpis,
    Map<String, Integer> teamShares,
    List<PersonShare> personShares) {

  public static final String CURRENCY = "TWD";
  static final String YEAR = "year";
  static final String ANNUAL_TARGET = "annualTarget";
  static final String STRATEGY = "strategy";
  static final String REGIONS = "regions";
  static final String TEAM_SHARES = "teamShares";
  static final String PERSON_SHARES = "personShares";
  static final String KPIS = "kpis";
  static final List<String> SEASONS = List.of("seasonQ1", "seasonQ2", "seasonQ3", "seasonQ4");

  /** The salespeople of the plan, in the order entered (each appears once). */
  public List<String> salespeople() {
    return personShares.stream().map(PersonShare::person).toList();
  }

  public String seasonalityText() {
    return IntStream.of(seasonality).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }

  public List<TargetBreakdown.Target> breakDown() {
    return TargetBreakdown.breakDown(year, targetMinor, teamShares, personShares, seasonality);
  }

  /**
   * Reads and checks the plan from form values. With an {@code organization}, every team must exist and
   * every salesperson must be a member of the team they are listed under.
   */
  public static SalesPlanContent read(Function<String, Object> values, OrganizationService organization) {
    List<Refusal.Error> errors = new ArrayList<>();
    Integer year = wholeNumber(values.apply(YEAR));
    if (year == null || year < 2000 || year > 2100) {
      errors.add(new Refusal.Error(YEAR, "「年度」必須是 2000 至 2100 之間的整數", "year must be a whole number 2000-2100"));
    }
    Long target = minorUnits(values.apply(ANNUAL_TARGET));
    if (target == null || target <= 0) {
      errors.add(new Refusal.Error(ANNUAL_TARGET, "「年度銷售目標(新台幣)」必須是大於 0 的金額,最多兩位小數",
          "annualTarget must be an amount greater than 0 with at most two decimals"));
    }
    String strategy = required(values, STRATEGY, "銷售策略", errors);
    String regions = required(values, REGIONS, "銷售區域", errors);
    String kpis = required(values, KPIS, "要求與績效指標(KPI)", errors);
    String teamText = required(values, TEAM_SHARES, "團隊分配比例", errors);
    String personText = required(values, PERSON_SHARES, "人員分配比例", errors);

    Map<String, Integer> teams = new LinkedHashMap<>();
    if (teamText != null) {
      teams = teamShares(teamText, organization, errors);
    }
    List<PersonShare> persons = new ArrayList<>();
    if (personText != null) {
      persons = personShares(personText, teams, organization, errors);
    }
    int[] seasonality = seasonality(values, errors);
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return new SalesPlanContent(year, target, strategy, regions, teamText, personText, seasonality, kpis,
        teams, List.copyOf(persons));
  }

  private static Map<String, Integer> teamShares(String text, OrganizationService organization,
      List<Refusal.Error> errors) {
    Map<String, Integer> teams = new LinkedHashMap<>();
    int line = 0;
    for (String raw : lines(text)) {
      line++;
      String[] parts = raw.split("\\|");
      Integer share = parts.length == 2 ? percent(parts[1]) : null;
      String team = parts[0].trim();
      if (share == null) {
        errors.add(new Refusal.Error(TEAM_SHARES, "「團隊分配比例」第 " + line + " 行格式應為「團隊 | 比例」,比例為 0 至 100 的整數",
            "teamShares line " + line + " must be 'team | percent'"));
      } else if (organization != null && organization.file().salesTeams().stream().noneMatch(t -> t.id().equals(team))) {
        errors.add(new Refusal.Error(TEAM_SHARES, "「團隊分配比例」中的團隊 " + team + " 不存在",
            "teamShares names an unknown team " + team));
      } else if (teams.putIfAbsent(team, share) != null) {
        errors.add(new Refusal.Error(TEAM_SHARES, "「團隊分配比例」中的團隊 " + team + " 重複",
            "teamShares lists team " + team + " twice"));
      }
    }
    int sum = teams.values().stream().mapToInt(Integer::intValue).sum();
    if (errors.stream().noneMatch(e -> TEAM_SHARES.equals(e.field())) && sum != 100) {
      errors.add(new Refusal.Error(TEAM_SHARES, "「團隊分配比例」合計必須為 100(目前為 " + sum + ")",
          "teamShares must sum to 100 (is " + sum + ")"));
    }
    return teams;
  }

  private static List<PersonShare> personShares(String text, Map<String, Integer> teams,
      OrganizationService organization, List<Refusal.Error> errors) {
    List<PersonShare> persons = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    int line = 0;
    for (String raw : lines(text)) {
      line++;
      String[] parts = raw.split("\\|");
      Integer share = parts.length == 3 ? percent(parts[2]) : null;
      if (share == null) {
        errors.add(new Refusal.Error(PERSON_SHARES, "「人員分配比例」第 " + line + " 行格式應為「團隊 | 銷售人員 | 比例」,比例為 0 至 100 的整數",
            "personShares line " + line + " must be 'team | salesperson | percent'"));
        continue;
      }
      String team = parts[0].trim();
      String person = parts[1].trim();
      if (!teams.containsKey(team)) {
        errors.add(new Refusal.Error(PERSON_SHARES, "「人員分配比例」第 " + line + " 行的團隊 " + team + " 不在「團隊分配比例」中",
            "personShares line " + line + ": team " + team + " is not in teamShares"));
      } else if (organization != null && !organization.membersOfTeam(team).contains(person)) {
        errors.add(new Refusal.Error(PERSON_SHARES, "「人員分配比例」中的 " + person + " 不是 " + team + " 的成員",
            "personShares: " + person + " is not a member of " + team));
      } else if (!seen.add(person)) {
        errors.add(new Refusal.Error(PERSON_SHARES, "「人員分配比例」中的 " + person + " 重複",
            "personShares lists " + person + " twice"));
      } else {
        persons.add(new PersonShare(team, person, share));
      }
    }
    if (errors.stream().noneMatch(e -> PERSON_SHARES.equals(e.field()))) {
      for (String team : teams.keySet()) {
        int sum = persons.stream().filter(p -> p.team().equals(team)).mapToInt(PersonShare::share).sum();
        if (sum != 100) {
          errors.add(new Refusal.Error(PERSON_SHARES, "「人員分配比例」中 " + team + " 的比例合計必須為 100(目前為 " + sum + ")",
              "personShares of " + team + " must sum to 100 (is " + sum + ")"));
        }
      }
    }
    return persons;
  }

  /** Four quarter weights summing to 100; all empty means equal quarters (25 each). */
  private static int[] seasonality(Function<String, Object> values, List<Refusal.Error> errors) {
    List<Object> given = SEASONS.stream().map(values).toList();
    if (given.stream().allMatch(v -> v == null || v.toString().isBlank())) {
      return new int[] {25, 25, 25, 25};
    }
    int[] weights = new int[4];
    for (int q = 0; q < 4; q++) {
      Integer w = given.get(q) == null ? null : percent(given.get(q).toString());
      if (w == null) {
        errors.add(new Refusal.Error(SEASONS.get(q), "「第" + (q + 1) + "季權重」必須是 0 至 100 的整數(四季全填或全不填)",
            SEASONS.get(q) + " must be a whole number 0-100 (fill all four quarters or none)"));
        return weights;
      }
      weights[q] = w;
    }
    int sum = IntStream.of(weights).sum();
    if (sum != 100) {
      errors.add(new Refusal.Error(SEASONS.get(0), "「季節權重」四季合計必須為 100(目前為 " + sum + ")",
          "seasonality weights must sum to 100 (is " + sum + ")"));
    }
    return weights;
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  private static Integer percent(String text) {
    Integer value = wholeNumber(text.trim());
    return value == null || value < 0 || value > 100 ? null : value;
  }

  private static Integer wholeNumber(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value.toString().trim()).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** TWD amount → minor units (1/100), null unless at most two decimals. */
  static Long minorUnits(Object value) {
    if (value == null) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(value.toString().trim().replace(",", ""));
      return amount.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static String required(Function<String, Object> values, String key, String label, List<Refusal.Error> errors) {
    Object value = values.apply(key);
    if (value == null || value.toString().isBlank()) {
      errors.add(new Refusal.Error(key, "請填寫「" + label + "」", key + " is required"));
      return null;
    }
    return value.toString().trim();
  }
}
