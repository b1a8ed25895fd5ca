package com.zhidu.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Attaches every {@link TaskEventHandler} to every user task and every {@link ProcessStartHandler} to
 * every start event of a process, at parse time, as built-in listeners (they run before the ones
 * declared in BPMN). One place, so each mechanism serves all processes, including those a process
 * owner deploys later.
 */
@Component
public class EngineMechanisms extends AbstractProcessEnginePlugin {

  static final String[] TASK_EVENTS = {
      TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT, TaskListener.EVENTNAME_UPDATE,
      TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE};

  // Resolved lazily: the engine (and this plugin) is built before most beans exist.
  private final ObjectProvider<TaskEventHandler> taskHandlers;
  private final ObjectProvider<ProcessStartHandler> startHandlers;

  public EngineMechanisms(ObjectProvider<TaskEventHandler> taskHandlers,
      ObjectProvider<ProcessStartHandler> startHandlers) {
    this.taskHandlers = taskHandlers;
    this.startHandlers = startHandlers;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AttachToModel());
  }

  private final TaskListener dispatchTask = this::dispatch;
  private final ExecutionListener dispatchStart = this::dispatch;

  // Looked up and ordered once, at the first event (by then every bean exists), not at every task event.
  private volatile List<TaskEventHandler> orderedTaskHandlers;
  private volatile List<ProcessStartHandler> orderedStartHandlers;

  private void dispatch(DelegateTask task) {
    List<TaskEventHandler> handlers = orderedTaskHandlers;
    if (handlers == null) {
      handlers = orderedTaskHandlers = taskHandlers.orderedStream().toList();
    }
    handlers.forEach(h -> h.onTaskEvent(task));
  }

  private void dispatch(DelegateExecution execution) {
    List<ProcessStartHandler> handlers = orderedStartHandlers;
    if (handlers == null) {
      handlers = orderedStartHandlers = startHandlers.orderedStream().toList();
    }
    handlers.forEach(h -> h.onProcessStart(execution));
  }

  private final class AttachToModel extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      for (String event : TASK_EVENTS) {
        definition.addBuiltInTaskListener(event, dispatchTask);
      }
    }

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      // Only the process's own start events, not those of sub-processes.
      boolean processStart = scope.getProcessDefinition() == scope;
      if (processStart) {
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, dispatchStart);
      }
    }
  }
}
