package com.zhidu.bench;

import com.zhidu.DemoRest;
import com.zhidu.ZhiduApplication;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Zhidu node in this JVM as production runs it (profile postgres, job executor on, authorization on,
 * every mechanism), with the demo organisation so the driver can log in as employees. The bench's
 * approval shape is deployed through the normal deployment path (model checks and all) with its no-op
 * step bean allowed, and the sales group may start it.
 */
final class ZhiduNode implements AutoCloseable {

  final ConfigurableApplicationContext context;
  final ProcessEngine engine;
  final int port;

  ZhiduNode(String database, String... moreArguments) {
    this(database, true, moreArguments);
  }

  /** With {@code recreate} false, starts on the database as it is (the bench's approval shape deployed again). */
  ZhiduNode(String database, boolean recreate, String... moreArguments) {
    if (recreate) {
      Databases.recreate(database);
    }
    List<String> arguments = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + Databases.url(database),
        "--zhidu.demo=true",
        "--server.port=0",
        "--zhidu.deployment.allowed-beans=" + ApprovalShape.STEP_BEAN,
        "--zhidu.test.process-coverage=false",
        "--logging.level.root=WARN"));
    arguments.addAll(List.of(moreArguments));
    context = new SpringApplicationBuilder(ZhiduApplication.class)
        .profiles("postgres")
        .initializers(c -> {
          c.getBeanFactory().registerSingleton(ApprovalShape.STEP_BEAN, (JavaDelegate) e -> {});
          c.getBeanFactory().addBeanPostProcessor(SqlCounter.postProcessor());
        })
        // As command-line arguments: they outrank application-postgres.yaml (builder defaults would not).
        .run(arguments.toArray(String[]::new));
    engine = context.getBean(ProcessEngine.class);
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
    engine.getRepositoryService().createDeployment().name("bench")
        .addModelInstance("bench/bench-approval.bpmn", ApprovalShape.model())
        .addInputStream("bench/bench-approval-review.form", ApprovalShape.form())
        .deploy();
    AuthorizationService authorizations = engine.getAuthorizationService();
    if (authorizations.createAuthorizationQuery().groupIdIn("sales").resourceType(Resources.PROCESS_DEFINITION)
        .resourceId(ApprovalShape.PROCESS_ID).count() > 0) {
      return; // a reused database has it
    }
    Authorization startable = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    startable.setGroupId("sales");
    startable.setResource(Resources.PROCESS_DEFINITION);
    startable.setResourceId(ApprovalShape.PROCESS_ID);
    startable.addPermission(Permissions.READ);
    startable.addPermission(Permissions.CREATE_INSTANCE);
    authorizations.saveAuthorization(startable);
  }

  static EngineRun.Actors actors() {
    return new EngineRun.Actors("sunli", List.of("sales"), "zhangwei", List.of("deptManager"), "linzong",
        List.of("leadership"));
  }

  /** Its REST API as employees call it; a long answer under volume is a measurement, so up to 60 s. */
  DemoRest rest() {
    return new DemoRest("http://127.0.0.1:" + port, Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    context.close();
  }
}
