package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import com.zhidu.ZhiduTest;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.exception.ExceptionLogger;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Refused submissions are answered, not logged as engine errors; real errors still are. */
@ZhiduTest
@ExtendWith(OutputCaptureExtension.class)
class RefusalLogFilterTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  final RefusalLogFilter filter = new RefusalLogFilter();
  final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

  @Test
  void onlyTheEnginesLoggersAndOnlyRefusalsAreLeftOut() {
    Refusal refusal = Refusal.of(400, "amount", "「金額」為必填欄位", "amount is required");
    Exception wrapped = new ProcessEngineException("ENGINE-03051 exception while invoking the TaskListener",
        new RuntimeException("listener", refusal));
    var commands = logging.getLogger(RefusalLogFilter.ENGINE_COMMANDS);
    var rest = logging.getLogger(RefusalLogFilter.ENGINE_REST);

    // The engine passes the exception as the last argument; a logger may also get it directly.
    assertThat(decide(commands, new Object[] {"msg", wrapped}, null)).isEqualTo(FilterReply.DENY);
    assertThat(decide(rest, new Object[] {wrapped}, null)).isEqualTo(FilterReply.DENY);
    assertThat(decide(commands, null, refusal)).isEqualTo(FilterReply.DENY);

    assertThat(decide(commands, new Object[] {"msg", new ProcessEngineException("database down")}, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(commands, new Object[] {"no exception"}, null)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(logging.getLogger("com.zhidu.anything"), null, refusal)).isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void theApplicationsLoggingCarriesTheFilter() {
    assertThat(logging.getTurboFilterList()).anyMatch(RefusalLogFilter.class::isInstance);
  }

  @Test
  void aRefusedCompletionIsNotAnErrorInTheLogButAFailedCommandStillIs(CapturedOutput output) {
    String instance = runtime.startProcessInstanceByKey("validation-fixture",
        Map.of("title", "原標題", "priority", "normal")).getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    tasks.claim(task.getId(), "xuhui");

    assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("amount", "not a number")))
        .hasRootCauseInstanceOf(Refusal.class);
    assertThat(output.getOut() + output.getErr()).doesNotContain("ENGINE-16004");

    assertThatThrownBy(() -> tasks.complete("no-such-task")).isInstanceOf(ProcessEngineException.class);
    assertThat(output.getOut() + output.getErr()).contains("ENGINE-16004");
  }

  @Test
  void aRefusalCamundasRestLayerPrintsIsLeftOutAndAnyOtherFailureIsLogged(CapturedOutput output) {
    // Camunda's REST exception logger passes no exception: it logs the printed stack trace as the message.
    Refusal refusal = Refusal.of(400, "comment", "退回時必須填寫意見", "a rejection needs a comment");
    ExceptionLogger.REST_LOGGER.log(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
        new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener",
            new ProcessEngineException("Exception while invoking TaskListener", refusal)),
        "Cannot submit task form refused-task"));
    ExceptionLogger.REST_LOGGER.log(new RestException(Response.Status.INTERNAL_SERVER_ERROR, refusal, "refused"));
    assertThat(output.getOut() + output.getErr()).doesNotContain("ENGINE-REST-HTTP500");

    ExceptionLogger.REST_LOGGER.log(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
        new ProcessEngineException("mentions com.zhidu.platform.Refusal: in its message only"), "failed-task"));
    assertThat(output.getOut() + output.getErr()).contains("ENGINE-REST-HTTP500").contains("failed-task");
  }

  private FilterReply decide(ch.qos.logback.classic.Logger logger, Object[] params, Throwable thrown) {
    return filter.decide(null, logger, Level.ERROR, "ENGINE-16004 {}", params, thrown);
  }
}
