package com.zhidu.audit;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Registers the audit trail's history event handler beside the engine's default DB handler (the engine then uses a
 * CompositeDbHistoryEventHandler: both write in the same command and transaction).
 */
@Component
public class AuditEnginePlugin extends AbstractProcessEnginePlugin {

  // Lazy: the engine is built before most beans exist.
  private final ObjectProvider<AuditTrail> trail;

  public AuditEnginePlugin(ObjectProvider<AuditTrail> trail) {
    this.trail = trail;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(true);
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new AuditHistoryEventHandler(trail));
  }
}
