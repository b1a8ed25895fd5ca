package com.zhidu;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What every suite that runs the engine needs around its tests: camunda-bpm-assert bound to the context's engine
 * before each test; after each, no authenticated user and the real clock again (both outlive the test, and all
 * suites share the cached context); after the class, for the processes named, the coverage gate
 * ({@link ProcessTestCoverage#assertFullyCovered}: every flow node and sequence flow).
 *
 * <p>Register it on a static field: {@code @RegisterExtension static final ProcessTestExtension process =
 * ProcessTestExtension.fullyCovering("key");}. Field extensions come after the class's SpringExtension, so the
 * context is there before each test, and the library's coverage suite is still open when the gate runs.
 */
public final class ProcessTestExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  private final String[] coveredProcesses;

  private ProcessTestExtension(String... coveredProcesses) {
    this.coveredProcesses = coveredProcesses;
  }

  /** Fails the class unless its tests ran every flow node and sequence flow of each of these processes. */
  public static ProcessTestExtension fullyCovering(String... processDefinitionKeys) {
    if (processDefinitionKeys.length == 0) {
      throw new IllegalArgumentException("name the processes to cover, or use withoutCoverageGate()");
    }
    return new ProcessTestExtension(processDefinitionKeys);
  }

  /** For suites that use processes without owning one (API tests, fixtures of other suites). */
  public static ProcessTestExtension withoutCoverageGate() {
    return new ProcessTestExtension();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    BpmnAwareTests.init(engine(context));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    engine(context).getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (coveredProcesses.length > 0) {
      ProcessTestCoverage.assertFullyCovered(engine(context), coveredProcesses);
    }
  }

  private static ProcessEngine engine(ExtensionContext context) {
    return SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
  }
}
