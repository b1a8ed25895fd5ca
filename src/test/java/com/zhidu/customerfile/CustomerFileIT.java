package com.zhidu.customerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.DemoRest;
import com.zhidu.ZhiduIT;
import com.zhidu.customercare.CareContact;
import com.zhidu.customercare.CareContactRepository;
import com.zhidu.salescontract.SalesContractRepository;
import com.zhidu.salesopportunity.Opportunity;
import com.zhidu.salesopportunity.OpportunityRepository;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Customer files (§3.3.1, §3.3.2) on PostgreSQL through the REST API as the demo users: the CRM group creates a
 * file, signed contracts make its purchase history, editing the file shows that history and classifies the
 * customer by value and purchase frequency; a salesperson may do neither. Also the care contact and opportunity
 * records (§3.3.3, §3.3.5) on the real database.
 */
@ZhiduIT
class CustomerFileIT {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired CustomerFileRepository files;
  @Autowired SalesContractRepository contracts;
  @Autowired CareContactRepository careContacts;
  @Autowired OpportunityRepository opportunities;

  @Test
  void createdEditedWithPurchaseHistoryAndClassifiedOnPostgres() {
    DemoRest demo = new DemoRest(rest);
    String created = start(demo, "zhengxin", Map.of("customerName", "南投精機股份有限公司"));
    String task = demo.taskOf("xiaoyu", created, "maintainCustomerFile");
    complete(demo, "xiaoyu", task, form("南投精機股份有限公司", "簡經理", "049-222-3333", "1975-05-20"));
    long id = jdbc.queryForObject("select id from customer where name = ? order by id desc limit 1", Long.class,
        "南投精機股份有限公司");
    CustomerFile file = files.fileOf(id);
    assertThat(file.contactBirthday()).isEqualTo(LocalDate.of(1975, 5, 20));
    assertThat(file.createdBy()).isEqualTo("xiaoyu");
    assertThat(file.customerClass()).isEqualTo("D");
    assertThat(files.feedbackOf(id)).extracting(CustomerFileRepository.Feedback::note).containsExactly("希望提供教育訓練");

    LocalDate today = LocalDate.now(files.zone());
    for (int i = 1; i <= 6; i++) {
      Purchases.signed(contracts, id, today.minusMonths(i), "TWD", 40_000_000L); // 6 × NT$400,000
    }
    Purchases.signed(contracts, id, today.minusMonths(13), "TWD", 900_000_000L); // outside the 12 months
    PurchaseHistory history = files.purchaseHistory(id);
    assertThat(history.purchases()).hasSize(7);
    assertThat(history.purchasesLast12Months()).isEqualTo(6);
    assertThat(history.amountLast12MonthsMinor()).isEqualTo(240_000_000L);

    String edited = start(demo, "xiaoyu", Map.of("customerId", String.valueOf(id)));
    String editTask = demo.taskOf("zhengxin", edited, "maintainCustomerFile");
    assertThat(demo.get("zhengxin", "/engine-rest/task/" + editTask + "/variables/purchaseHistory").text())
        .contains("近12個月:6 次").contains("2,400,000.00");
    complete(demo, "zhengxin", editTask, form("南投精機股份有限公司", "簡協理", "049-222-4444", "1975-05-20"));
    assertThat(files.fileOf(id).customerClass()).as("NT$2.4 million in six purchases: A").isEqualTo("A");
    assertThat(files.fileOf(id).contactName()).isEqualTo("簡協理");

    // Sales may neither start nor see customer-file work.
    DemoRest.Reply bySales = demo.post("sunli", "/engine-rest/process-definition/key/customer-file/submit-form",
        Map.of("variables", DemoRest.variables(Map.of("customerName", "銷售自建客戶"))));
    assertThat(bySales.status()).isEqualTo(403);
    String open = start(demo, "zhengxin", Map.of("customerId", String.valueOf(id)));
    assertThat(demo.listTasks("sunli", "processInstanceId=" + open)).isEmpty();
    assertThat(demo.post("sunli", "/engine-rest/task/" + demo.taskOf("zhengxin", open, "maintainCustomerFile")
        + "/claim", Map.of("userId", "sunli")).status()).isEqualTo(403);

    // Care contacts and opportunities are plain rows on PostgreSQL too.
    LocalDate due = LocalDate.of(2026, 9, 25);
    careContacts.planOnce(id, "holidayGreeting", "中秋節", "visit", due, "A", open);
    careContacts.planOnce(id, "holidayGreeting", "中秋節", "visit", due, "A", open);
    List<Long> planned = careContacts.plannedBy(open);
    assertThat(planned).hasSize(1);
    assertThat(careContacts.lastDueOn(id, "holidayGreeting")).contains(due);
    careContacts.recordOutcome(planned.get(0), "visit", true, "送月餅並拜訪", "xiaoyu");
    CareContact done = careContacts.contact(planned.get(0));
    assertThat(done.status()).isEqualTo(CareContact.DONE);
    assertThat(done.reached()).isTrue();
    Opportunity opportunity = opportunities.raiseOnce(id, Opportunity.CARE, String.valueOf(done.id()), "新廠房設備",
        "整廠控制方案", "sunli", "xiaoyu");
    assertThat(opportunities.raiseOnce(id, Opportunity.CARE, String.valueOf(done.id()), "x", "y", null, "xiaoyu").id())
        .isEqualTo(opportunity.id());
    opportunities.recordOutcome(opportunity.id(), "won", "已簽約", "sunli");
    assertThat(opportunities.opportunity(opportunity.id()).status()).isEqualTo("won");
  }

  private static Map<String, Object> form(String name, String contact, String phone, String birthday) {
    Map<String, Object> form = new HashMap<>();
    form.put("customerName", name);
    form.put("contactName", contact);
    form.put("phone", phone);
    form.put("contactBirthday", birthday);
    form.put("preferences", "上午聯絡");
    form.put("feedbackNote", "希望提供教育訓練");
    return form;
  }

  private static String start(DemoRest demo, String user, Map<String, ?> values) {
    DemoRest.Reply started = demo.post(user,
        "/engine-rest/process-definition/key/customer-file/submit-form", Map.of("variables", DemoRest.variables(values)));
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    return started.body().get("id").asText();
  }

  private static void complete(DemoRest demo, String user, String taskId, Map<String, ?> values) {
    assertThat(demo.post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user)).status())
        .isEqualTo(204);
    DemoRest.Reply submitted = demo.post(user, "/engine-rest/task/" + taskId + "/submit-form",
        Map.of("variables", DemoRest.variables(values)));
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(204);
  }
}
