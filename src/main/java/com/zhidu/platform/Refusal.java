package com.zhidu.platform;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A rule of the regulation refuses an operation (invalid form data, four-eyes, ...). Thrown from
 * listeners and delegates inside the engine's transaction, so nothing of the operation is written.
 * The engine wraps listener exceptions into a generic HTTP 500; {@link RefusalResponseFilter} turns
 * the response back into {@link #status()} with the {@link #errors()} as JSON, for the REST API and
 * the webapps' API alike. Java callers catch it (or the engine's wrapper whose cause it is).
 */
public class Refusal extends ProcessEngineException {

  /** One refused field or rule, in both languages. {@code field} is null for a rule about the whole operation. */
  public record Error(String field, String messageZh, String messageEn) {}

  private final int status;
  private final List<Error> errors;

  public Refusal(int status, List<Error> errors) {
    super(errors.stream().map(e -> e.messageZh() + " (" + e.messageEn() + ")")
        .collect(Collectors.joining("; ")));
    this.status = status;
    this.errors = List.copyOf(errors);
    RefusalResponseFilter.remember(this);
  }

  /** A single-rule refusal, e.g. {@code Refusal.of(403, null, "不可審核自己提交的報告", "...")}. */
  public static Refusal of(int status, String field, String messageZh, String messageEn) {
    return new Refusal(status, List.of(new Error(field, messageZh, messageEn)));
  }

  public int status() {
    return status;
  }

  public List<Error> errors() {
    return errors;
  }
}
