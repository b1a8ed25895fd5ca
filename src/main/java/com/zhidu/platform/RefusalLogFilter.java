package com.zhidu.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps refused submissions out of the error log. A {@link Refusal} (invalid form values, the wrong person, a rule of
 * the regulation) is the user's mistake, answered with 400 or 403 and a message naming what is wrong; but the engine
 * logs every exception leaving a command at ERROR ({@code ENGINE-16004}) and its REST layer at WARN
 * ({@code ENGINE-REST-HTTP500}) before Zhidu answers, so under everyday use the log filled with "errors" that are
 * none. Only those two engine loggers, and only when a Refusal is the exception or its cause; everything else is
 * logged as before. Registered in {@code logback-spring.xml}.
 */
public class RefusalLogFilter extends TurboFilter {

  static final String ENGINE_COMMANDS = "org.camunda.bpm.engine.context";
  static final String ENGINE_REST = "org.camunda.bpm.engine.rest.exception";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    if (logger == null || !(ENGINE_COMMANDS.equals(logger.getName()) || ENGINE_REST.equals(logger.getName()))) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
      thrown = last; // the engine's loggers pass the exception as the last argument
    }
    if (thrown == null && ENGINE_REST.equals(logger.getName())) {
      // Camunda's REST exception logger passes no exception: the message is the printed stack trace.
      return isRefusalTrace(format) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
    return isRefusal(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /**
   * Whether a message "ENGINE-REST-HTTP500 &lt;printed stack trace&gt;" is about a Refusal: the trace's first line
   * ("&lt;exception class&gt;: &lt;message&gt;") or one of its "Caused by: " lines names it.
   */
  static boolean isRefusalTrace(String message) {
    if (message == null) {
      return false;
    }
    String refusal = Refusal.class.getName() + ":";
    return message.startsWith(refusal, message.indexOf(' ') + 1) || message.contains("\nCaused by: " + refusal);
  }

  static boolean isRefusal(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof Refusal) {
        return true;
      }
    }
    return false;
  }
}
