package com.zhidu.hiringrequest;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A hiring request for the sales team (§3.2.3): role, the group the new employees join (and optionally their
 * sales team), headcount, reason and budget (TWD, stored in minor units). {@link #read} refuses bad input
 * with every problem, each naming its field.
 */
public record HiringRequestContent(String role, String memberGroup, String team, int headcount, String reason,
    long budgetMinor) {

  /** Groups a hiring request may staff: the department's own groups. */
  public static final Set<String> STAFFED_GROUPS = Set.of("sales", "salesManagement", "crm", "marketResearch",
      "operationsAnalysis");

  public static HiringRequestContent read(Function<String, Object> variables, OrganizationService organization) {
    List<Refusal.Error> errors = new ArrayList<>();
    String role = text(variables.apply("role"));
    if (role == null || role.length() > 200) {
      errors.add(new Refusal.Error("role", "請填寫「職位」(最多200字)。", "role is required (at most 200 characters)"));
    }
    String group = text(variables.apply("memberGroup"));
    if (group == null || !STAFFED_GROUPS.contains(group)) {
      errors.add(new Refusal.Error("memberGroup", "請選擇新進人員所屬的小組。", "memberGroup must be one of " + STAFFED_GROUPS));
    }
    String team = text(variables.apply("team"));
    if (team != null && organization.file().salesTeams().stream().noneMatch(t -> t.id().equals(team))) {
      errors.add(new Refusal.Error("team", "「銷售團隊」" + team + " 不存在。", "team " + team + " is not a sales team"));
    } else if (team != null && !"sales".equals(group)) {
      errors.add(new Refusal.Error("team", "只有銷售人員可以分配銷售團隊。", "only salespeople join a sales team"));
    }
    Object headcountValue = variables.apply("headcount");
    int headcount = 0;
    if (!(headcountValue instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < 1 || n.doubleValue() > 20) {
      errors.add(new Refusal.Error("headcount", "「人數」應為 1 到 20 的整數。", "headcount must be a whole number 1..20"));
    } else {
      headcount = n.intValue();
    }
    String reason = text(variables.apply("reason"));
    if (reason == null || reason.length() > 4000) {
      errors.add(new Refusal.Error("reason", "請填寫「理由」(最多4000字)。", "reason is required (at most 4000 characters)"));
    }
    Object budgetValue = variables.apply("budget");
    long budgetMinor = 0;
    if (!(budgetValue instanceof Number n)) {
      errors.add(new Refusal.Error("budget", "請填寫「預算」。", "budget is required"));
    } else {
      BigDecimal budget = new BigDecimal(n.toString());
      if (budget.signum() < 0) {
        errors.add(new Refusal.Error("budget", "「預算」不可為負數。", "budget must not be negative"));
      } else if (budget.stripTrailingZeros().scale() > 2 || budget.compareTo(new BigDecimal("1000000000")) > 0) {
        errors.add(new Refusal.Error("budget", "「預算」最多兩位小數、不超過十億元。", "budget has at most two decimals"));
      } else {
        budgetMinor = budget.movePointRight(2).longValue();
      }
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return new HiringRequestContent(role, group, team, headcount, reason, budgetMinor);
  }

  static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
