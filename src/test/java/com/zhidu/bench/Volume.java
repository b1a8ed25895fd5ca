package com.zhidu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.zhidu.DemoRest;
import com.zhidu.audit.conformance.CaseVerdicts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The data-volume mode ({@code -Dbench.mode=volume}, docs/performance.md): fills a database of its own with
 * {@code bench.volume.finished} finished cases and {@code bench.volume.open} open tasks, then measures, through the
 * authenticated REST API as the real users do, the Tasklist filters (我的待辦, 我的小組, 即將到期/已逾期, 我發起的)
 * and the auditor page's queries ({@code /zhidu/api/audit/...}), first without and then with the indexes Zhidu adds
 * for volume (Flyway V33 on Zhidu's tables, {@code db/engine-indexes} on the engine's).
 *
 * <p>The engine would need hours to produce that many cases, so the generator runs two real cases of the bench's
 * approval shape through Zhidu (one finished, one waiting at its review step: every listener, the task_action rows,
 * the authorizations, the audit chain) and copies them set-based with {@code generate_series}: every row of every
 * table that belongs to the template case, with its ids suffixed per copy, its times shifted into the past, its
 * people and groups spread over a synthetic organisation, and the audit chain re-hashed per copy (a recursive
 * query) so the verifier finds each copied chain intact.
 */
final class Volume {

  /** {@code bench.volume.db}: so that two people on one server can each keep a volume database. */
  static final String DATABASE = System.getProperty("bench.volume.db", "zhidu_bench_volume");

  /**
   * {@code detailed}: how many of the finished copies get every row of the template (activity, variable, detail,
   * identity-link, operation-log history and the audit chain); the others get the rows the auditor's searches scan
   * (act_hi_procinst, act_hi_taskinst, task_action). {@code reuse}: measure the database a kept earlier run left.
   */
  record Options(int finished, int open, int detailed, int repeat, boolean keep, boolean reuse, boolean sqlLog,
      String only) {
    static Options fromSystemProperties() {
      int finished = Integer.getInteger("bench.volume.finished", 1_000_000);
      return new Options(finished, Integer.getInteger("bench.volume.open", 100_000),
          Math.min(finished, Integer.getInteger("bench.volume.detailed", 100_000)),
          Integer.getInteger("bench.volume.repeat", 20), Boolean.getBoolean("bench.volume.keep"),
          Boolean.getBoolean("bench.volume.reuse"), Boolean.getBoolean("bench.volume.sqlLog"),
          System.getProperty("bench.volume.only", ""));
    }
  }

  /**
   * The search tables every finished copy gets, also beyond {@code detailed}: with the kept conformance verdicts
   * (CaseVerdicts), which the conformance report of a month reads for every case of the month.
   */
  static final Set<String> SEARCHED = Set.of("act_hi_procinst", "act_hi_taskinst", "task_action",
      "conformance_case", "conformance_task", "conformance_task_verdict");

  /** Synthetic organisation: users bu0000..bu1999, groups bg00..bg99 (user u in group u % 100). */
  static final int USERS = 2000;
  static final int GROUPS = 100;
  private static final int CHUNK = 100_000;

  /** Columns holding ids of the template case's own rows: suffixed per copy. Everything else keeps its value. */
  private static final Set<String> ID_COLUMNS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_",
      "act_inst_id_", "parent_act_inst_id_", "task_id_", "parent_task_id_", "parent_id_", "super_exec_",
      "super_process_instance_id_", "var_inst_id_", "bytearray_id_", "var_scope_", "operation_id_",
      "call_proc_inst_id_", "business_key_", "resource_id_", "case_id", "process_instance_id", "task_id");

  static void run(Options options) throws Exception {
    System.out.println("Zhidu bench, volume mode: " + options);
    List<String> arguments = new ArrayList<>();
    // The deadline scan would work through the tens of thousands of overdue copies while the generator copies
    // audit chains and while requests are measured (its first run is 30 s after start-up, whatever its period).
    arguments.add("--zhidu.notification.jobs-enabled=false");
    // The engine's history cleanup (its window is 22:00–05:00) would delete the copied history while it is measured:
    // the copies' removal times lie in the past.
    arguments.add("--camunda.bpm.generic-properties.properties.history-cleanup-enabled=false");
    // The conformance sweep is run once, by the generator, for the template case (the copies copy its verdicts).
    arguments.add("--zhidu.conformance.jobs-enabled=false");
    if (options.sqlLog()) {
      arguments.add("--logging.level.org.camunda.bpm.engine.impl.persistence.entity.TaskEntity=DEBUG");
    }
    try (ZhiduNode zhidu = new ZhiduNode(DATABASE, !options.reuse(), arguments.toArray(String[]::new))) {
      DemoRest rest = zhidu.rest();
      try (Connection db = DriverManager.getConnection(Databases.url(DATABASE), "postgres", "")) {
        Statement sql = db.createStatement();
        String finished;
        if (options.reuse()) {
          try (ResultSet rs = sql.executeQuery("select id_ from act_hi_procinst where business_key_ = 'BENCH-F'")) {
            rs.next();
            finished = rs.getString(1);
          }
        } else {
          finished = generate(db, rest, options, zhidu.context.getBean(CaseVerdicts.class));
        }
        List<Indexes> indexes = List.of(new Indexes("db/migration/V33__volume_indexes.sql"),
            new Indexes("db/engine-indexes/postgres.sql"));
        Map<String, Latencies> results = new LinkedHashMap<>();
        for (Indexes i : indexes) {
          i.drop(sql);
        }
        results.put("without volume indexes", measure(rest, finishedCopy(finished, options), options.repeat(),
            options.only()));
        for (Indexes i : indexes) {
          timed("create " + i.resource, () -> i.create(sql));
        }
        sql.execute("analyze");
        results.put("with volume indexes", measure(rest, finishedCopy(finished, options), options.repeat(),
            options.only()));
        print(results);
      }
      if (!options.keep()) {
        zhidu.close();
        Databases.drop(DATABASE);
      }
    }
  }

  /** Fills the database; returns the finished template case. */
  private static String generate(Connection db, DemoRest rest, Options options, CaseVerdicts verdicts)
      throws Exception {
    String finished = templateCase(rest, true);
    String open = templateCase(rest, false);
    long start = System.nanoTime();
    Statement sql = db.createStatement();
    keepVerdicts(verdicts, sql, finished);
    // Generated rows are consistent by construction; foreign-key triggers would only slow the copy down.
    sql.execute("set session_replication_role = replica");
    sql.execute("set synchronous_commit = off");
    sql.execute("set maintenance_work_mem = '512MB'");
    syntheticOrganisation(sql);
    // Bulk load, then index: building an index once is far cheaper than maintaining it row by row.
    List<String> loadIndexes = new ArrayList<>();
    try (ResultSet rs = sql.executeQuery("select indexname, indexdef from pg_indexes where schemaname = 'public'"
        + " and (tablename like 'act\\_hi\\_%' or tablename like 'act\\_ru\\_%' or tablename like 'conformance\\_%' or tablename in"
        + " ('task_action', 'act_ge_bytearray')) and indexname not in (select conname from pg_constraint)")) {
      while (rs.next()) {
        loadIndexes.add(rs.getString(2));
      }
    }
    for (String index : loadIndexes) {
      sql.execute("drop index " + index.replaceFirst("(?i)^create (unique )?index (\\S+) .*$", "$2"));
    }
    copyCase(db, finished, options.finished(), options.detailed(), 90, false);
    copyCase(db, open, options.open(), options.open(), 30, true);
    timed("re-create the " + loadIndexes.size() + " indexes of the copied tables", () -> {
      for (String index : loadIndexes) {
        sql.execute(index);
      }
    });
    sql.execute("set session_replication_role = origin");
    timed("analyze", () -> sql.execute("analyze"));
    System.out.printf(Locale.ROOT, "Generated %,d finished cases (%,d with every history row and their audit chain)"
        + " and %,d open tasks in %.0f s%n", options.finished(), options.detailed(), options.open(),
        (System.nanoTime() - start) / 1e9);
    printSizes(sql);
    return finished;
  }

  private static String finishedCopy(String template, Options options) {
    return options.detailed() == 0 ? template : template + "_" + (options.detailed() / 2);
  }

  /** One case of the approval shape through REST as its people work it: finished, or waiting at its review. */
  private static String templateCase(DemoRest rest, boolean finish) throws Exception {
    DemoRest.Reply started = rest.post("sunli", "/engine-rest/process-definition/key/" + ApprovalShape.PROCESS_ID
        + "/start", Map.of("variables", Map.of(), "businessKey", "BENCH-" + (finish ? "F" : "O")));
    String instance = started.body().get("id").asText();
    if (finish) {
      for (String[] step : new String[][] {{"review", "zhangwei"}, {"approve", "linzong"}}) {
        JsonNode tasks = rest.get(step[1], "/engine-rest/task?processInstanceId=" + instance
            + "&taskDefinitionKey=" + step[0]).body();
        rest.claimAndSubmit(step[1], tasks.get(0).get("id").asText(), Map.of("decision", "approved", "comment", "同意"));
      }
    }
    return instance;
  }

  /** The sweep keeps the template's conformance verdicts (CaseVerdicts); the copies copy them. */
  private static void keepVerdicts(CaseVerdicts verdicts, Statement sql, String finished) throws Exception {
    verdicts.sweep();
    try (ResultSet rs = sql.executeQuery("select count(*) from conformance_case where process_instance_id = '"
        + finished + "'")) {
      rs.next();
      if (rs.getInt(1) != 1) {
        throw new IllegalStateException("The sweep kept no conformance verdict of the finished template case");
      }
    }
  }

  private static void syntheticOrganisation(Statement sql) throws SQLException {
    sql.execute("insert into act_id_group (id_, rev_, name_, type_) select 'bg' || lpad(g::text, 2, '0'), 1,"
        + " '基準小組 ' || g, 'WORKFLOW' from generate_series(1, " + (GROUPS - 1) + ") g");
    sql.execute("insert into act_id_user (id_, rev_, first_, last_, email_) select 'bu' || lpad(u::text, 4, '0'), 1,"
        + " '員工', u::text, 'bu' || u || '@zhidu.example' from generate_series(0, " + (USERS - 1) + ") u");
    sql.execute("insert into act_id_membership (user_id_, group_id_) select 'bu' || lpad(u::text, 4, '0'),"
        + " 'bg' || lpad((u % " + GROUPS + ")::text, 2, '0') from generate_series(0, " + (USERS - 1) + ") u"
        + " where u % " + GROUPS + " <> 0");
  }

  // --- the copy ----------------------------------------------------------------------------------------------

  // SQL expressions of the copy number, written with {n} for it (n in plain copies, c.n in the audit chain).

  /** Copy n's person in the role the demo user had: the demo user in one copy in {@code every}, else synthetic. */
  private static String person(String demoUser, int every, int salt) {
    return "case when {n} % " + every + " = 0 then '" + demoUser + "' else 'bu' || lpad((({n} * " + salt + ") % "
        + USERS + ")::text, 4, '0') end";
  }

  /** Copy n's group in the role the demo group had: group g = n % 100, where g = 0 is the demo group itself. */
  private static String group(String demoGroup) {
    return "case when {n} % " + GROUPS + " = 0 then '" + demoGroup + "' else 'bg' || lpad(({n} % " + GROUPS
        + ")::text, 2, '0') end";
  }

  /** Who holds copy n's open task (one in five is assigned): a member of the task's group. */
  private static final String ASSIGNEE = "case when ({n} / 7) % 5 <> 0 then null when {n} % " + GROUPS + " = 0 then"
      + " (case when ({n} / " + GROUPS + ") % 2 = 0 then 'zhangwei' else 'wangfang' end) else 'bu' || lpad(({n} % "
      + GROUPS + " + " + GROUPS + " * (({n} / " + GROUPS + ") % " + (USERS / GROUPS) + "))::text, 4, '0') end";

  /** Due dates of open tasks: ten days overdue to twenty days ahead, spread by the hour. */
  private static final String DUE = "date_trunc('hour', now()) + (({n} % 30) - 10) * interval '1 day'"
      + " + ({n} % 24) * interval '1 hour'";

  /** A text column of a copy: the template's people and groups replaced by copy n's. */
  private static String mapped(String column) {
    return "case " + column + " when 'sunli' then " + person("sunli", 200, 7) + " when 'zhangwei' then "
        + person("zhangwei", 100, 13) + " when 'linzong' then " + person("linzong", 100, 17)
        + " when 'deptManager' then " + group("deptManager") + " when 'leadership' then " + group("leadership")
        + " else " + column + " end";
  }

  private static void copyCase(Connection db, String template, int allCopies, int detailedCopies, int secondsApart,
      boolean open) throws Exception {
    int copies = detailedCopies;
    if (copies == 0) {
      return;
    }
    Statement sql = db.createStatement();
    // Every table with rows of the template case (by its process instance column, else its root's), except jobs:
    // copied jobs would run. Tasks' identity links and authorizations point at the task.
    List<String[]> tables = new ArrayList<>(); // table, where clause on alias t
    try (ResultSet rs = sql.executeQuery("select table_name, min(case column_name when 'proc_inst_id_' then 1"
        + " when 'process_instance_id' then 2 else 3 end) from information_schema.columns"
        + " where table_schema = 'public' and column_name in ('proc_inst_id_', 'process_instance_id',"
        + " 'root_proc_inst_id_') and table_name not in ('audit_event', 'act_ru_job', 'act_hi_job_log',"
        + " 'act_ru_authorization', 'act_ru_identitylink') group by table_name order by table_name")) {
      while (rs.next()) {
        String column = List.of("proc_inst_id_", "process_instance_id", "root_proc_inst_id_").get(rs.getInt(2) - 1);
        tables.add(new String[] {rs.getString(1), "t." + column + " = '" + template + "'"});
      }
    }
    String templateTasks = "(select id_ from act_hi_taskinst where proc_inst_id_ = '" + template + "')";
    tables.add(new String[] {"act_ru_identitylink", "t.task_id_ in " + templateTasks});
    tables.add(new String[] {"act_ru_authorization", "t.resource_id_ = '" + template + "' or t.resource_id_ in "
        + templateTasks});
    // The engine's runtime rows first (executions before the tasks and variables that point at them).
    tables.sort((a, b) -> Integer.compare(order(a[0]), order(b[0])));
    for (String[] table : tables) {
      long rows;
      try (ResultSet rs = sql.executeQuery("select count(*) from " + table[0] + " t where " + table[1])) {
        rs.next();
        rows = rs.getLong(1);
      }
      int n = SEARCHED.contains(table[0]) ? allCopies : copies;
      if (rows == 0 || n == 0) {
        continue;
      }
      String columns = columnsOf(db, table[0]).entrySet().stream().map(c -> c.getKey()).reduce((x, y) -> x + ", " + y)
          .orElseThrow();
      StringBuilder select = new StringBuilder();
      for (Map.Entry<String, String> c : columnsOf(db, table[0]).entrySet()) { // expressions of {n}
        select.append(select.isEmpty() ? "" : ", ").append(expression(table[0], c.getKey(), c.getValue(),
            secondsApart, open));
      }
      long tableStart = System.nanoTime();
      // The template's rows once, then joined with every copy number.
      sql.execute("with template as materialized (select * from " + table[0] + " t where " + table[1] + ")"
          + " insert into " + table[0] + " (" + columns + ") select " + select.toString().replace("{n}", "n")
          + " from template t cross join generate_series(1, " + n + ") n");
      System.out.printf(Locale.ROOT, "  %-24s %2d rows per case → %,11d rows in %5.1f s%n", table[0], rows,
          rows * n, (System.nanoTime() - tableStart) / 1e9);
    }
    copyAuditChain(sql, template, copies, secondsApart);
  }

  private static int order(String table) {
    List<String> first = List.of("act_ge_bytearray", "act_ru_execution", "act_ru_task", "act_ru_variable");
    return first.contains(table) ? first.indexOf(table) : first.size();
  }

  /** Column name → data type, without identity columns (the database numbers copies itself). */
  private static Map<String, String> columnsOf(Connection db, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (ResultSet rs = db.createStatement().executeQuery("select column_name, data_type from"
        + " information_schema.columns where table_schema = 'public' and table_name = '" + table + "'"
        + " and is_identity = 'NO' and coalesce(column_default, '') not like 'nextval%' order by ordinal_position")) {
      while (rs.next()) {
        columns.put(rs.getString(1), rs.getString(2));
      }
    }
    return columns;
  }

  private static String expression(String table, String column, String type, int secondsApart, boolean open) {
    String value = "t." + column;
    if (open && column.equals("assignee_") && (table.equals("act_ru_task") || table.equals("act_hi_taskinst"))) {
      return ASSIGNEE;
    }
    if (open && column.equals("due_date_") && (table.equals("act_ru_task") || table.equals("act_hi_taskinst"))) {
      return DUE;
    }
    if (ID_COLUMNS.contains(column) && type.startsWith("character")) {
      return value + " || '_' || n";
    }
    if (type.startsWith("timestamp")) {
      return value + " - n * interval '" + secondsApart + " seconds'";
    }
    if (type.startsWith("character") || type.equals("text")) {
      return mapped(value);
    }
    return value;
  }

  /**
   * The audit rows of each copy, chained and hashed as AuditTrail writes them (recipe in AuditHash): a recursive
   * query walks the template's rows in seq order for a chunk of copies at once; the last row becomes the head.
   */
  private static void copyAuditChain(Statement sql, String template, int copies, int secondsApart)
      throws SQLException {
    long start = System.nanoTime();
    int last;
    try (ResultSet rs = sql.executeQuery("select max(seq) from audit_event where case_id = '" + template + "'")) {
      rs.next();
      last = rs.getInt(1);
    }
    String time = "to_char((t.occurred_at - {n} * interval '" + secondsApart + " seconds') at time zone 'UTC',"
        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    String user = mapped("t.user_id");
    // AuditHash.Row.expectedHash: fields joined by newlines, null as the empty string.
    String hash = "encode(sha256(convert_to({prev} || chr(10) || t.case_id || '_' || {n} || chr(10) || t.seq"
        + " || chr(10) || t.event_type || chr(10) || " + time + " || chr(10) || coalesce(" + user + ", '')"
        + " || chr(10) || coalesce(t.process_instance_id || '_' || {n}, '') || chr(10)"
        + " || coalesce(t.process_definition_key, '') || chr(10) || coalesce(t.task_id || '_' || {n}, '')"
        + " || chr(10) || coalesce(t.activity_id, '') || chr(10) || t.payload, 'UTF8')), 'hex')";
    for (int from = 1; from <= copies; from += CHUNK) {
      int to = Math.min(copies, from + CHUNK - 1);
      String chain = "with recursive chain (n, seq, prev_hash, hash) as ("
          + " select c.n, t.seq, cast(t.prev_hash as text), " + hash.replace("{prev}", "t.prev_hash")
          + " from audit_event t"
          + " cross join generate_series(" + from + ", " + to + ") c(n) where t.case_id = '" + template + "' and t.seq = 1"
          + " union all"
          + " select c.n, t.seq, c.hash, " + hash.replace("{prev}", "c.hash")
          + " from chain c join audit_event t on t.case_id = '" + template + "' and t.seq = c.seq + 1),"
          + " added as (insert into audit_event (case_id, seq, event_type, occurred_at, user_id, process_instance_id,"
          + " process_definition_key, task_id, activity_id, payload, prev_hash, hash)"
          + " select t.case_id || '_' || c.n, t.seq, t.event_type, t.occurred_at - c.n * interval '" + secondsApart
          + " seconds', " + user + ", t.process_instance_id || '_' || c.n, t.process_definition_key,"
          + " t.task_id || '_' || c.n, t.activity_id, t.payload, c.prev_hash, c.hash from chain c"
          + " join audit_event t on t.case_id = '" + template + "' and t.seq = c.seq returning case_id, seq, hash,"
          + " occurred_at)"
          + " insert into audit_chain_head (case_id, last_seq, last_hash, updated_at)"
          + " select case_id, seq, hash, occurred_at from added where seq = " + last;
      sql.execute(chain.replace("{n}", "c.n"));
    }
    System.out.printf(Locale.ROOT, "  %-24s %2d rows per case → %,11d rows in %5.1f s (hash chain per copy)%n",
        "audit_event", last, (long) last * copies, (System.nanoTime() - start) / 1e9);
  }

  private static void printSizes(Statement sql) throws SQLException {
    try (ResultSet rs = sql.executeQuery("select relname, n_live_tup, pg_total_relation_size(relid)"
        + " from pg_stat_user_tables order by pg_total_relation_size(relid) desc limit 14")) {
      System.out.println("  largest tables (rows, size incl. indexes):");
      while (rs.next()) {
        System.out.printf(Locale.ROOT, "    %-26s %,12d %,8d MB%n", rs.getString(1), rs.getLong(2),
            rs.getLong(3) / (1 << 20));
      }
    }
    try (ResultSet rs = sql.executeQuery("select pg_database_size(current_database())")) {
      rs.next();
      System.out.printf(Locale.ROOT, "  database size: %,d MB%n", rs.getLong(1) / (1 << 20));
    }
  }

  // --- the measurement ---------------------------------------------------------------------------------------

  /** The requests Tasklist and the auditor page send, each {@code repeat} times, as the people who send them. */
  private static Latencies measure(DemoRest rest, String finishedCase, int repeat, String only) throws Exception {
    Latencies latencies = new Latencies();
    Map<String, String[]> requests = new LinkedHashMap<>(); // name → user, filter name or audit path
    requests.put("Tasklist 我的待辦 (zhangwei)", new String[] {"zhangwei", "filter:我的待辦"});
    requests.put("Tasklist 我的小組 (zhangwei)", new String[] {"zhangwei", "filter:我的小組"});
    requests.put("Tasklist 即將到期/已逾期 (zhangwei)", new String[] {"zhangwei", "filter:即將到期/已逾期"});
    requests.put("Tasklist 我發起的 (sunli)", new String[] {"sunli", "filter:我發起的"});
    requests.put("Tasklist 我的小組 (linzong)", new String[] {"linzong", "filter:我的小組"});
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Taipei"));
    String audit = "/zhidu/api/audit";
    requests.put("audit: cases, newest", new String[] {"shenjian", audit + "/cases"});
    requests.put("audit: cases of one process", new String[] {"shenjian", audit + "/cases?processDefinitionKey="
        + ApprovalShape.PROCESS_ID + "&state=finished"});
    requests.put("audit: cases of one month", new String[] {"shenjian", audit + "/cases?from=" + today.minusMonths(7)
        + "&to=" + today.minusMonths(6)});
    requests.put("audit: cases of one participant", new String[] {"shenjian", audit + "/cases?participant=sunli"});
    requests.put("audit: cases by business key", new String[] {"shenjian", audit + "/cases?businessKey=BENCH-F_4711"});
    requests.put("audit: one case", new String[] {"shenjian", audit + "/cases/" + finishedCase});
    requests.put("audit: its trail", new String[] {"shenjian", audit + "/cases/" + finishedCase + "/trail"});
    requests.put("audit: its diagram", new String[] {"shenjian", audit + "/cases/" + finishedCase + "/diagram"});
    requests.put("audit: conformance of one month", new String[] {"shenjian", audit + "/conformance?from="
        + today.minusMonths(7) + "&to=" + today.minusMonths(6)});

    Map<String, String> filters = new LinkedHashMap<>();
    for (String user : List.of("zhangwei", "sunli", "linzong")) {
      for (JsonNode f : rest.get(user, "/engine-rest/filter?resourceType=Task").body()) {
        filters.put(user + ":" + f.get("name").asText(), f.get("id").asText());
      }
    }
    // bench.volume.only: measure just the requests whose name contains it (e.g. "Tasklist" for a filter tuning).
    requests.keySet().removeIf(name -> !name.contains(only));
    for (Map.Entry<String, String[]> request : requests.entrySet()) {
      String user = request.getValue()[0];
      String target = request.getValue()[1];
      for (int i = 0; i <= repeat; i++) {
        long start = System.nanoTime();
        DemoRest.Reply reply;
        if (target.startsWith("filter:")) {
          String id = filters.get(user + ":" + target.substring(7));
          reply = rest.post(user, "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15", tasklistBody(),
              "application/hal+json");
        } else {
          reply = rest.get(user, target);
        }
        long took = System.nanoTime() - start;
        if (reply.status() != 200) {
          latencies.error(request.getKey());
          if (i == 0) {
            System.out.println("  " + request.getKey() + ": HTTP " + reply.status() + " " + reply.text());
          }
        } else if (i == 0) {
          System.out.println("  " + request.getKey() + ": " + describe(reply.body()));
        } else {
          latencies.record(request.getKey(), took); // the first call warms caches and is not counted
        }
      }
    }
    return latencies;
  }

  /** What Tasklist posts with a filter's list request (sorting, and the filter's variables to embed). */
  private static Map<String, Object> tasklistBody() {
    return Map.of("processVariables", List.of(), "taskVariables", List.of(), "caseInstanceVariables", List.of(),
        "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")));
  }

  private static String describe(JsonNode body) {
    if (body == null) {
      return "(not JSON)";
    }
    if (body.has("count")) {
      return body.get("count").asLong() + " tasks in the filter";
    }
    if (body.isArray()) {
      return body.size() + " rows";
    }
    if (body.has("events")) {
      return body.get("events").size() + " trail events, intact " + body.get("intact").asBoolean();
    }
    if (body.has("activities")) {
      return body.get("activities").size() + " activities, trail intact " + body.path("trail").path("intact");
    }
    return "ok";
  }

  private static void print(Map<String, Latencies> results) {
    List<String> operations = new ArrayList<>(results.values().iterator().next().operations());
    System.out.printf(Locale.ROOT, "%n%-40s", "request (REST, p50 / p95 / max ms)");
    results.keySet().forEach(k -> System.out.printf(Locale.ROOT, " | %-26s", k));
    System.out.println();
    for (String operation : operations) {
      System.out.printf(Locale.ROOT, "%-40s", operation);
      for (Latencies l : results.values()) {
        System.out.printf(Locale.ROOT, " | %7.1f / %7.1f / %7.1f", l.percentileMillis(operation, 50),
            l.percentileMillis(operation, 95), l.percentileMillis(operation, 100));
      }
      System.out.println();
    }
  }

  // --- indexes -----------------------------------------------------------------------------------------------

  /** The create-index statements of one SQL resource, so the run can measure without and with them. */
  private static final class Indexes {
    private static final Pattern NAME = Pattern.compile("(?i)create\\s+index\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    final String resource;
    final List<String> statements = new ArrayList<>();

    Indexes(String resource) throws IOException {
      this.resource = resource;
      Resource found = new PathMatchingResourcePatternResolver().getResource("classpath:" + resource);
      try (InputStream in = found.getInputStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
        for (String statement : text.split(";")) {
          if (!statement.isBlank()) {
            statements.add(statement.trim());
          }
        }
      }
    }

    void drop(Statement sql) throws SQLException {
      for (String statement : statements) {
        Matcher m = NAME.matcher(statement);
        if (m.find()) {
          sql.execute("drop index if exists " + m.group(1));
        }
      }
    }

    void create(Statement sql) throws SQLException {
      for (String statement : statements) {
        sql.execute(statement.replaceFirst("(?i)create\\s+index\\s+(?!if)", "create index if not exists "));
      }
    }
  }

  interface SqlWork {
    void run() throws SQLException;
  }

  private static void timed(String what, SqlWork work) throws SQLException {
    long start = System.nanoTime();
    work.run();
    System.out.printf(Locale.ROOT, "  %s: %.1f s%n", what, (System.nanoTime() - start) / 1e9);
  }

  private Volume() {}
}
