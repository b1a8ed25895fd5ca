package com.zhidu.audit.conformance;

import com.zhidu.platform.HistoryEventHandlers;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps a case's conformance verdicts when it ends: the end of a root process instance (a history event, so every
 * process and every way of ending counts, cancellation included) sends a {@link CaseVerdicts#JOB_TYPE} job in the
 * same transaction; the job executor runs {@link CaseVerdicts#store}. A job rather than the end's own transaction:
 * a failing judgement must not stop the case from ending; the job is retried, then becomes an incident.
 */
@Component
public class CaseEndVerdicts extends AbstractProcessEnginePlugin {

  // Lazy: the engine is built before most beans exist.
  private final ObjectProvider<CaseVerdicts> verdicts;

  public CaseEndVerdicts(ObjectProvider<CaseVerdicts> verdicts) {
    this.verdicts = verdicts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomJobHandlers() == null) {
      configuration.setCustomJobHandlers(new ArrayList<>());
    }
    configuration.getCustomJobHandlers().add(new VerdictJob());
    HistoryEventHandlers.add(configuration, new CaseEnd());
  }

  private final class CaseEnd implements HistoryEventHandler {
    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricProcessInstanceEventEntity process
          && HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(process.getEventType())
          && process.getProcessInstanceId() != null
          && process.getProcessInstanceId().equals(process.getRootProcessInstanceId())) {
        verdicts.getObject().schedule(process.getProcessInstanceId());
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }

  /** The job's configuration is the case id. */
  record CaseId(String value) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return value;
    }
  }

  private final class VerdictJob implements JobHandler<CaseId> {
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
