package com.zhidu.platform.operations;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this node in a cluster ({@code zhidu.node-name}, e.g. the host name): the engine writes the name into
 * the job log ({@code ACT_HI_JOB_LOG.HOSTNAME_}) and locks jobs under it ({@code ACT_RU_JOB.LOCK_OWNER_}), so
 * operators see which node ran or holds a job. Unset: the engine's defaults (IP address, a random lock owner).
 * Every node needs its own name.
 */
@Component
public class NodeName extends AbstractProcessEnginePlugin {

  private final String name;

  public NodeName(@Value("${zhidu.node-name:}") String name) {
    this.name = name.isBlank() ? null : name.strip();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (name != null) {
      configuration.setHostname(name);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (name != null && configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(name);
    }
  }
}
