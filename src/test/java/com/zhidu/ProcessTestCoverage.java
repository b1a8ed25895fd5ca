package com.zhidu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.community.process_test_coverage.core.model.DefaultCollector;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.engine.platform7.ElementCoverageParseListener;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Process test coverage for every test context (camunda-process-test-coverage). Picked up by component
 * scanning from the test sources, so all test classes share one Spring context and the engine carries
 * the coverage parse listener. The library's listener writes a report per test class to
 * {@code target/process-test-coverage/}; {@link #assertFullyCovered} is the class-level gate, which suites set
 * through {@link ProcessTestExtension}. The load driver (com.zhidu.bench) runs the application from the test
 * classpath and switches it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "zhidu.test.process-coverage", havingValue = "true", matchIfMissing = true)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessTestCoverage {

  /**
   * Fails unless the current test class ran every flow node and every sequence flow of each named
   * process. Called after the class (by {@link ProcessTestExtension}): the library's suite for the class is still
   * active then.
   */
  static void assertFullyCovered(ProcessEngine engine, String... processDefinitionKeys) {
    DefaultCollector collector = collector(engine);
    Suite suite = collector.getActiveSuite();
    assertThat(suite).as("no active coverage suite").isNotNull();
    for (String key : processDefinitionKeys) {
      Model model = collector.getModels().stream().filter(m -> m.getKey().equals(key)).findFirst().orElse(null);
      assertThat(model).as("process %s was never run in %s", key, suite.getName()).isNotNull();
      Set<String> covered = suite.getEvents().stream().filter(e -> key.equals(e.getModelKey()))
          .map(Event::getDefinitionKey).collect(Collectors.toSet());
      assertThat(missing(engine, key, covered))
          .as("elements of %s not covered by %s (coverage %.2f)", key, suite.getName(), suite.calculateCoverage(model))
          .isEmpty();
      assertThat(suite.calculateCoverage(model)).as("coverage of %s", key).isEqualTo(1.0);
    }
  }

  private static Set<String> missing(ProcessEngine engine, String key, Set<String> covered) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(key).latestVersion().singleResult().getId();
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definitionId);
    Set<String> missing = new TreeSet<>();
    model.getModelElementsByType(FlowNode.class).forEach(n -> missing.add(n.getId()));
    model.getModelElementsByType(SequenceFlow.class).forEach(f -> missing.add(f.getId()));
    missing.removeAll(covered);
    return missing;
  }

  /** The library keeps the class's collector in its parse listener only; read it from there. */
  private static DefaultCollector collector(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    ElementCoverageParseListener listener = configuration.getCustomPostBPMNParseListeners().stream()
        .filter(ElementCoverageParseListener.class::isInstance).map(ElementCoverageParseListener.class::cast)
        .findFirst().orElseThrow(() -> new AssertionError("coverage parse listener not installed"));
    try {
      Field state = ElementCoverageParseListener.class.getDeclaredField("coverageState");
      state.setAccessible(true);
      return (DefaultCollector) state.get(listener);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read the coverage collector", e);
    }
  }
}
