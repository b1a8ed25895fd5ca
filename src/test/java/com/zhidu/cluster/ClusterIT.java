package com.zhidu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.DemoRest;
import com.zhidu.PostgresDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Camunda 7's homogeneous cluster (docs/operations.md, "Several nodes"): two Zhidu processes from the same
 * jar on one PostgreSQL database, job executor on in both, no traffic between them. Driven through REST as
 * employees. In order: load across both nodes with 10 % invalid submissions; timers and async jobs executed
 * exactly once; webapp sessions local to a node; the mail server down, then back; kill -9 of a node that
 * holds locked jobs and open work. The consistency checker finds nothing after each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final String DATABASE = "zhidu_cluster_nodes";
  static final int SMTP_PORT = 18188;
  static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  static NodeProcess nodeA;
  static NodeProcess nodeB;
  static DemoRest a;
  static DemoRest b;
  static JdbcTemplate db;
  static ComplaintCases cases;

  @BeforeAll
  static void startTwoNodes() {
    PostgresDatabase.recreate(DATABASE);
    db = new JdbcTemplate(new DriverManagerDataSource(PostgresDatabase.SERVER + DATABASE, "postgres", ""));
    // The mail server is down until the mail test starts it.
    String[] mail = {"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT,
        "--spring.mail.properties.mail.smtp.connectiontimeout=2000", "--zhidu.notification.max-attempts=10000"};
    // The first node creates the schema (engine tables, Flyway); the second starts on it.
    nodeA = new NodeProcess("nodeA", 18181, PostgresDatabase.SERVER + DATABASE, mail).start().awaitUp();
    nodeB = new NodeProcess("nodeB", 18182, PostgresDatabase.SERVER + DATABASE, mail).start().awaitUp();
    a = nodeA.rest();
    b = nodeB.rest();
    cases = new ComplaintCases(List.of(a, b), 60_000);
  }

  @AfterAll
  static void stopNodes() {
    if (nodeA != null) {
      nodeA.kill();
    }
    if (nodeB != null) {
      nodeB.kill();
    }
  }

  @Test
  @Order(1)
  void loadAcrossBothNodesWithTenPercentInvalidSubmissionsCompletesEveryValidCase() throws Exception {
    int total = 20;
    ExecutorService employees = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int n = 0; n < total; n++) {
      int number = n;
      done.add(employees.submit(() -> {
        if (number % 4 == 0) {
          cases.invalidIntake(number);
        }
        cases.runCase(number, number % 4 == 2);
        return null;
      }));
    }
    employees.shutdown();
    for (Future<?> future : done) {
      future.get(5, TimeUnit.MINUTES);
    }
    // 100 valid submissions (20 intakes, 80 task forms) and 10 invalid ones (5 intakes, 5 task forms) mixed in:
    // each invalid one refused with 400 naming the field (asserted where sent), each valid one completed.
    assertThat(cases.refusals).hasSize(10);
    List<String> instances = List.copyOf(cases.instances);
    assertThat(instances).hasSize(total).doesNotHaveDuplicates();
    awaitTrue("every valid case completed (closing is an async job)", () -> finished(instances) == total);
    assertThat(db.queryForObject("select count(*) from complaint", Long.class))
        .as("invalid intakes wrote nothing").isEqualTo(total);
    assertThat(db.queryForObject("select count(*) from complaint where status = 'closed'", Long.class)).isEqualTo(total);
    assertNoTaskDuplicated();
    // Tasks were completed on the other node than the one that created them (by construction of the steps),
    // and both nodes ran jobs.
    assertThat(db.queryForList("select distinct hostname_ from act_hi_job_log where job_state_ = 2", String.class))
        .containsExactlyInAnyOrder("nodeA", "nodeB");
    assertConsistent();
  }

  @Test
  @Order(2)
  void timersAndAsyncJobsRunExactlyOnceAcrossTheCluster() {
    List<String> instances = new ArrayList<>();
    for (int n = 100; n < 110; n++) {
      instances.add(cases.start(n));
    }
    // Time passes: both SLA deadlines of every case fall due at once, so both nodes race for the timers.
    String now = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1).format(REST_DATE);
    int i = 0;
    for (String instance : instances) {
      for (String timer : List.of("Timer_ResponseDue", "Timer_ResolutionDue")) {
        DemoRest on = i++ % 2 == 0 ? a : b;
        DemoRest.Reply jobs = on.get("demo", "/engine-rest/job?processInstanceId=" + instance + "&activityId=" + timer);
        assertThat(jobs.body()).as(jobs.text()).hasSize(1);
        DemoRest.Reply moved = on.put("demo", "/engine-rest/job/" + jobs.body().get(0).get("id").asText() + "/duedate",
            Map.of("duedate", now));
        assertThat(moved.status()).as(moved.text()).isEqualTo(204);
      }
    }
    String in = inList(instances);
    awaitTrue("every reminder and escalation ran", () -> db.queryForObject("select count(*) from act_hi_actinst"
        + " where proc_inst_id_ in " + in + " and act_id_ in ('remindResponseOverdue', 'escalateResolutionOverdue')"
        + " and end_time_ is not null", Long.class) == 2L * instances.size());
    for (int n = 100; n < 110; n++) {
      cases.work(instances.get(n - 100), n, 0, ComplaintCases.STEPS.size() - 1, -1);
    }
    awaitTrue("the cases closed", () -> finished(instances) == instances.size());

    // Exactly once: each timer, each async step and each close ran once per case (one successful job log
    // entry per job, one activity instance each), and each breach was recorded and mailed once.
    assertThat(ComplaintCases.jobsSucceededTwice(db)).isEmpty();
    for (String activity : List.of("Timer_ResponseDue", "Timer_ResolutionDue", "remindResponseOverdue",
        "escalateResolutionOverdue", "closeComplaint")) {
      assertThat(db.queryForList("select proc_inst_id_, count(*) from act_hi_actinst where proc_inst_id_ in " + in
          + " and act_id_ = ? group by proc_inst_id_ having count(*) = 1", activity)).as(activity)
          .hasSize(instances.size());
      assertThat(db.queryForObject("select count(*) from act_hi_job_log l join act_hi_actinst x on"
          + " x.proc_inst_id_ = l.process_instance_id_ and x.act_id_ = l.act_id_ where l.job_state_ = 2"
          + " and l.process_instance_id_ in " + in + " and l.act_id_ = ?", Long.class, activity)).as(activity)
          .isEqualTo(instances.size());
    }
    assertThat(db.queryForObject("select count(*) from complaint where process_instance_id in " + in
        + " and response_breached_at is not null and resolution_breached_at is not null", Long.class))
        .isEqualTo(instances.size());
    List<Long> mailsPerCase = db.queryForList("select count(*) from mail_outbox m join act_hi_taskinst t on"
        + " t.id_ = m.task_id where m.kind = 'escalation' and t.proc_inst_id_ in " + in
        + " group by t.proc_inst_id_", Long.class);
    assertThat(mailsPerCase).hasSize(instances.size());
    assertThat(mailsPerCase.stream().distinct().toList()).as("the same escalation mails for every case").hasSize(1);
    assertThat(mailsPerCase.get(0)).as("two deadlines, one mail per head each").isEven().isPositive();
    assertThat(db.queryForList("select distinct l.hostname_ from act_hi_job_log l where l.job_state_ = 2"
        + " and l.process_instance_id_ in " + in, String.class)).containsExactlyInAnyOrder("nodeA", "nodeB");
    assertNoTaskDuplicated();
    assertConsistent();
  }

  @Test
  @Order(3)
  void aWebappLoginLivesOnItsNodeOnlyHenceStickySessions() {
    WebappSession browser = new WebappSession();
    assertThat(browser.login(nodeA, "demo")).isEqualTo(200);
    assertThat(browser.get(nodeA, "/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"demo\"");
    assertThat(browser.names()).contains("JSESSIONID");

    // The same cookie sent to node B (a load balancer without stickiness): B does not know the session.
    WebappSession sameCookieOnB = new WebappSession();
    sameCookieOnB.cookies.putAll(browser.cookies);
    var onB = sameCookieOnB.get(nodeB, "/camunda/api/admin/auth/user/default");
    assertThat(onB.statusCode()).as(onB.body()).isNotEqualTo(200);
    assertThat(sameCookieOnB.get(nodeB, "/camunda/api/engine/engine/default/task/count").statusCode()).isIn(401, 403);

    // A login on B works on B; the session on A is untouched.
    WebappSession onNodeB = new WebappSession();
    assertThat(onNodeB.login(nodeB, "zhangwei")).isEqualTo(200);
    assertThat(onNodeB.get(nodeB, "/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"zhangwei\"");
    assertThat(browser.get(nodeA, "/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"demo\"");
    // REST with Basic auth needs no session: any node serves any call.
    assertThat(a.get("zhangwei", "/engine-rest/task/count").status()).isEqualTo(200);
    assertThat(b.get("zhangwei", "/engine-rest/task/count").status()).isEqualTo(200);
  }

  @Test
  @Order(4)
  void withTheMailServerDownMailsAreRetriedAndSentOnceWhenItIsBack() throws Exception {
    // Until now the SMTP port was closed: cases completed regardless, the mails wait with their errors.
    Long pending = db.queryForObject("select count(*) from mail_outbox where status = 'pending'", Long.class);
    assertThat(pending).isPositive();
    assertThat(db.queryForObject("select count(*) from mail_outbox where status = 'pending' and attempts > 1"
        + " and last_error is not null", Long.class)).as("retried with the error kept").isPositive();
    assertThat(db.queryForObject("select count(*) from mail_outbox where status <> 'pending'", Long.class)).isZero();

    try (SmtpSink server = new SmtpSink(SMTP_PORT, "X-Zhidu-Idempotency-Key")) {
      awaitTrue("every mail sent", () -> db.queryForObject("select count(*) from mail_outbox where status <> 'sent'",
          Long.class) == 0);
      NodeProcess.sleep(3000); // a double send would arrive after the row was marked
      List<String> keys = db.queryForList("select idempotency_key from mail_outbox", String.class);
      assertThat(server.keys()).as("each mail exactly once").containsExactlyInAnyOrderElementsOf(keys);
      assertThat(db.queryForList("select distinct claimed_by from mail_outbox where claimed_by is not null",
          String.class)).isEmpty();
    }
  }

  @Test
  @Order(5)
  void killingANodeThatHoldsJobsAndOpenWorkLosesNothing() throws Exception {
    // Open work: cases with an open handling task, created on node A.
    List<String> open = new ArrayList<>();
    for (int n = 200; n < 204; n++) {
      open.add(cases.start(n * 2)); // even numbers: registered on node A
    }
    // Cases at their last task; their closing jobs will hang on a row lock the test holds, so the nodes hold them.
    List<String> closing = new ArrayList<>();
    for (int n = 300; n < 308; n++) {
      String instance = cases.start(n);
      cases.work(instance, n, 0, 2, -1);
      closing.add(instance);
    }
    String in = inList(closing);
    DriverManagerDataSource blocker = new DriverManagerDataSource(PostgresDatabase.SERVER + DATABASE, "postgres", "");
    List<String> heldByA;
    try (var connection = blocker.getConnection()) {
      connection.setAutoCommit(false);
      try (var lock = connection.createStatement()) {
        lock.execute("select id from complaint where process_instance_id in " + in + " for no key update");
      }
      ComplaintCases.Step last = ComplaintCases.STEPS.get(3);
      for (String instance : closing) {
        cases.complete(a, instance, last); // on node A: its job executor is told of the new jobs first
      }
      awaitTrue("node A holds closing jobs", () -> db.queryForObject("select count(*) from act_ru_job where"
          + " lock_owner_ = 'nodeA' and process_instance_id_ in " + in, Long.class) > 0);
      heldByA = db.queryForList("select id_ from act_ru_job where lock_owner_ = 'nodeA'", String.class);

      nodeA.kill();
      assertThat(nodeA.alive()).isFalse();
      connection.rollback();
    }
    // Node B alone: after the dead node's lock time its jobs are acquired again and every case finishes.
    long killedAt = System.currentTimeMillis();
    awaitTrue("node B closed every case", () -> finished(closing) == closing.size());
    System.out.printf("ClusterIT: node A held %d jobs when killed; node B finished them %d ms later%n", heldByA.size(),
        System.currentTimeMillis() - killedAt);
    assertThat(System.currentTimeMillis() - killedAt).as("within a few lock times")
        .isLessThan(6L * NodeProcess.LOCK_TIME_MILLIS);
    for (String job : heldByA) {
      assertThat(db.queryForList("select hostname_ from act_hi_job_log where job_id_ = ? and job_state_ = 2",
          String.class, job)).as("job %s, locked by the dead node", job).containsExactly("nodeB");
    }
    // The open work is done on B: the tasks node A created.
    ComplaintCases onB = new ComplaintCases(List.of(b), 60_000);
    for (int n = 200; n < 204; n++) {
      onB.work(open.get(n - 200), n, 0, ComplaintCases.STEPS.size() - 1, -1);
    }
    awaitTrue("the open cases finished on B", () -> finished(open) == open.size());
    List<String> all = new ArrayList<>(closing);
    all.addAll(open);
    String everything = inList(all);
    assertThat(db.queryForObject("select count(*) from complaint where status = 'closed' and process_instance_id in "
        + everything, Long.class)).isEqualTo(all.size());
    assertThat(db.queryForList("select proc_inst_id_ from act_hi_actinst where act_id_ = 'closeComplaint'"
        + " and proc_inst_id_ in " + everything + " group by proc_inst_id_ having count(*) > 1", String.class)).isEmpty();
    assertThat(ComplaintCases.jobsSucceededTwice(db)).isEmpty();
    assertThat(db.queryForObject("select count(*) from corrective_action where status = 'done'", Long.class))
        .isEqualTo(db.queryForObject("select count(*) from complaint", Long.class));
    assertNoTaskDuplicated();
    assertConsistent();
  }

  // --- helpers

  static long finished(List<String> instances) {
    return db.queryForObject("select count(*) from act_hi_procinst where end_time_ is not null and id_ in "
        + inList(instances), Long.class);
  }

  /**
   * No complaint has two tasks of one step (each step is a single task on the path driven here), and the
   * meeting scheduler, which runs on both nodes, opened each due meeting once.
   */
  static void assertNoTaskDuplicated() {
    assertThat(db.queryForList("select t.proc_inst_id_ || ' ' || t.task_def_key_ from act_hi_taskinst t"
        + " where t.proc_def_key_ = 'complaint-handling' group by t.proc_inst_id_, t.task_def_key_"
        + " having count(*) > 1", String.class)).isEmpty();
    assertThat(db.queryForList("select series_id from meeting group by series_id, meeting_at having count(*) > 1",
        String.class)).isEmpty();
  }

  static void assertConsistent() {
    DemoRest on = nodeA.alive() ? a : b;
    DemoRest.Reply report = on.get("shenjian", "/zhidu/api/consistency");
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    assertThat(report.body().get("consistent").asBoolean()).as(report.text()).isTrue();
    assertThat(report.body().get("openIncidents").asLong()).as(report.text()).isZero();
  }

  static String inList(List<String> ids) {
    return ids.stream().map(id -> "'" + id.replace("'", "") + "'").reduce((x, y) -> x + "," + y)
        .map(list -> "(" + list + ")").orElse("('')");
  }

  static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 90_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within 90 s: " + what + "\n--- nodeA\n" + nodeA.tail() + "\n--- nodeB\n"
            + nodeB.tail());
      }
      NodeProcess.sleep(250);
    }
  }
}
