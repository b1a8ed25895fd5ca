package com.zhidu.platform;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A cross-cutting mechanism that sees the start of every process instance (at its start event),
 * e.g. start-form validation. Spring beans implementing it are attached by {@link EngineMechanisms}.
 */
public interface ProcessStartHandler {

  void onProcessStart(DelegateExecution execution);
}
