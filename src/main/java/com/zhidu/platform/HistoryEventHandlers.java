package com.zhidu.platform;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Adds a history event handler beside the engine's default DB handler (the engine then uses a
 * CompositeDbHistoryEventHandler: all write in the same command and transaction). For engine plugins' preInit.
 */
public final class HistoryEventHandlers {

  private HistoryEventHandlers() {}

  public static void add(ProcessEngineConfigurationImpl configuration, HistoryEventHandler handler) {
    configuration.setEnableDefaultDbHistoryEventHandler(true);
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(handler);
  }
}
