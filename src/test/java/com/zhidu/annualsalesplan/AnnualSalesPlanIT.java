package com.zhidu.annualsalesplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ZhiduIT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * §3.2.2 on PostgreSQL: an approved plan with an awkward amount is broken down and the stored targets add up
 * exactly at every level, checked by SQL on the real database (V9 migration, bigint sums).
 */
@ZhiduIT
class AnnualSalesPlanIT {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theStoredBreakdownSumsExactlyAtEveryLevel() {
    AsUser as = new AsUser(identity);
    Map<String, Object> form = AnnualSalesPlanProcessTest.planForm();
    form.put("annualTarget", 123_456_789.07); // 12,345,678,907 minor units: beyond int, awkward for 33/67 and 60/40
    form.put("seasonQ1", 17);
    form.put("seasonQ2", 23);
    form.put("seasonQ3", 29);
    form.put("seasonQ4", 31);
    String pi = as.call("zhaolei", () -> runtime.startProcessInstanceByKey("annual-sales-plan", form)).getId();
    executeJobs(pi);
    review(as, "zhangwei", pi, "managerReview");
    review(as, "linzong", pi, "leadershipApproval");
    executeJobs(pi);

    long planId = jdbc.queryForObject("select id from sales_plan where process_instance_id = ?", Long.class, pi);
    long annual = jdbc.queryForObject("select v.target_minor from sales_plan p join sales_plan_version v"
        + " on v.plan_id = p.id and v.version = p.approved_version where p.id = ?", Long.class, planId);
    assertThat(annual).isEqualTo(12_345_678_907L);

    // Each level and period kind sums to the annual figure.
    List<Map<String, Object>> totals = jdbc.queryForList("select level, position('Q' in period) > 0 as quarterly,"
        + " sum(amount_minor) as total, count(*) as n from sales_target where plan_id = ? group by level, position('Q' in period) > 0",
        planId);
    assertThat(totals).hasSize(4).allSatisfy(row ->
        assertThat(((Number) row.get("total")).longValue()).as("%s", row).isEqualTo(annual));

    // Persons of a team add up to the team in every period.
    assertThat(jdbc.queryForObject("select count(*) from sales_target t where t.plan_id = ? and t.level = 'team'"
        + " and t.amount_minor <> (select sum(p.amount_minor) from sales_target p where p.plan_id = t.plan_id"
        + " and p.level = 'person' and p.team = t.owner and p.period = t.period)", Long.class, planId)).isZero();
    // Months add up to their quarter, for every team and person.
    assertThat(jdbc.queryForObject("select count(*) from sales_target q where q.plan_id = ? and q.period like '%-Q%'"
        + " and q.amount_minor <> (select sum(m.amount_minor) from sales_target m where m.plan_id = q.plan_id"
        + " and m.level = q.level and m.owner = q.owner and m.period not like '%-Q%'"
        + " and (cast(substring(m.period from 6 for 2) as integer) + 2) / 3 = cast(substring(q.period from 7 for 1) as integer))",
        Long.class, planId)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from sales_target where plan_id = ? and amount_minor < 0",
        Long.class, planId)).isZero();
    assertThat(jdbc.queryForList("select salesperson from sales_target_ack where plan_id = ? order by id", String.class,
        planId)).containsExactly("sunli", "zhouqiang", "wuming");
  }

  private void review(AsUser as, String user, String pi, String key) {
    String approval = runtime.createProcessInstanceQuery().superProcessInstanceId(pi).singleResult().getId();
    Task task = tasks.createTaskQuery().processInstanceId(approval).taskDefinitionKey(key).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", "approved");
    variables.put("comment", null);
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    });
  }

  private void executeJobs(String pi) {
    Jobs.executeAll(management, pi);
  }
}
