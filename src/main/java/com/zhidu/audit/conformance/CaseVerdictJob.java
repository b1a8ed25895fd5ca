package com.zhidu.audit.conformance;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The job ({@link CaseVerdicts#JOB_TYPE}, configuration: the case id) that keeps the verdicts of a case the sweep
 * could not judge ({@link CaseVerdicts#sweep}): the job executor runs {@link CaseVerdicts#store}, a failure is
 * retried and then becomes an incident, so the case shows in Cockpit instead of being lost or blocking the others.
 */
@Component
public class CaseVerdictJob extends AbstractProcessEnginePlugin {

  // Lazy: the engine is built before most beans exist.
  private final ObjectProvider<CaseVerdicts> verdicts;

  public CaseVerdictJob(ObjectProvider<CaseVerdicts> verdicts) {
    this.verdicts = verdicts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomJobHandlers() == null) {
      configuration.setCustomJobHandlers(new ArrayList<>());
    }
    configuration.getCustomJobHandlers().add(new Handler());
  }

  /** The job's configuration is the case id. */
  record CaseId(String value) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return value;
    }
  }

  private final class Handler implements JobHandler<CaseId> {
    @Override
    public String getType() {
      return CaseVerdicts.JOB_TYPE;
    }

    @Override
    public void execute(CaseId configuration, ExecutionEntity execution, CommandContext commandContext,
        String tenantId) {
      verdicts.getObject().store(configuration.value());
    }

    @Override
    public CaseId newConfiguration(String canonicalString) {
      return new CaseId(canonicalString);
    }

    @Override
    public void onDelete(CaseId configuration, JobEntity jobEntity) {
      // nothing kept besides the job
    }
  }
}
