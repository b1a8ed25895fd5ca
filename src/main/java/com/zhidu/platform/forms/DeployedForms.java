package com.zhidu.platform.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads the Camunda Form a task or start event links to ({@code camunda:formRef}, or a
 * {@code camunda-forms:} form key), as a parsed {@link FormSchema}. Reads bypass authorization: the
 * callers have already decided the user may act (the filter checks visibility as the user first).
 */
@Component
public class DeployedForms {

  static final String CAMUNDA_FORMS_KEY = "camunda-forms:";

  private final FormService forms;
  private final IdentityService identity;

  // Lazy: handlers are created while the engine is still being built.
  public DeployedForms(@Lazy FormService forms, @Lazy IdentityService identity) {
    this.forms = forms;
    this.identity = identity;
  }

  /** The task's form, or empty when the task links no Camunda Form. */
  public Optional<FormSchema> taskForm(String taskId, String formKey, CamundaFormRef formRef) {
    if (!isCamundaForm(formKey, formRef)) {
      return Optional.empty();
    }
    return Optional.of(FormSchema.cached(withoutAuthorization(() -> read(forms.getDeployedTaskForm(taskId)))));
  }

  /** The process definition's start form, or empty when its start event links no Camunda Form. */
  public Optional<FormSchema> startForm(String processDefinitionId) {
    return withoutAuthorization(() -> {
      StartFormData data = forms.getStartFormData(processDefinitionId);
      if (data == null || !isCamundaForm(data.getFormKey(), data.getCamundaFormRef())) {
        return Optional.empty();
      }
      return Optional.of(FormSchema.cached(read(forms.getDeployedStartForm(processDefinitionId))));
    });
  }

  static boolean isCamundaForm(String formKey, CamundaFormRef formRef) {
    return formRef != null || formKey != null && formKey.startsWith(CAMUNDA_FORMS_KEY);
  }

  /**
   * Runs engine reads without authorization checks: inside a command (listeners) by disabling them
   * on the command context; outside (servlet filter) by running without an authenticated user.
   */
  <T> T withoutAuthorization(Supplier<T> read) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      return command.runWithoutAuthorization(read::get);
    }
    Authentication previous = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (previous != null) {
        identity.setAuthentication(previous);
      }
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
