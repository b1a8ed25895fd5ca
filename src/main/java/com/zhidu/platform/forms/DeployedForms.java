package com.zhidu.platform.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
  static final int CACHE_LIMIT = 1000;

  /**
   * Forms that cannot change, by process definition and task (or start): a form bound to the process's own
   * deployment or to a fixed version, or deployed as a resource of it, is immutable once deployed, so reading it
   * again for every submission (a task lookup and a resource read) buys nothing. A form bound to "latest" is read
   * each time: a new form version must apply at once.
   */
  private final Map<String, Optional<FormSchema>> immutable = new ConcurrentHashMap<>();

  private final FormService forms;
  private final IdentityService identity;

  // Lazy: handlers are created while the engine is still being built.
  public DeployedForms(@Lazy FormService forms, @Lazy IdentityService identity) {
    this.forms = forms;
    this.identity = identity;
  }

  /** The task's form, or empty when the task links no Camunda Form. */
  public Optional<FormSchema> taskForm(String taskId, String processDefinitionId, String taskDefinitionKey,
      String formKey, CamundaFormRef formRef) {
    if (!isCamundaForm(formKey, formRef)) {
      return Optional.empty();
    }
    return remembered(isImmutable(formRef) && processDefinitionId != null
        ? processDefinitionId + "#task:" + taskDefinitionKey : null,
        () -> Optional.of(FormSchema.cached(withoutAuthorization(() -> read(forms.getDeployedTaskForm(taskId))))));
  }

  /** The process definition's start form, or empty when its start event links no Camunda Form. */
  public Optional<FormSchema> startForm(String processDefinitionId) {
    Optional<FormSchema> known = immutable.get(processDefinitionId + "#start");
    if (known != null) {
      return known;
    }
    return withoutAuthorization(() -> {
      StartFormData data = forms.getStartFormData(processDefinitionId);
      if (data == null || !isCamundaForm(data.getFormKey(), data.getCamundaFormRef())) {
        return remembered(processDefinitionId + "#start", Optional::empty);
      }
      return remembered(isImmutable(data.getCamundaFormRef()) ? processDefinitionId + "#start" : null,
          () -> Optional.of(FormSchema.cached(read(forms.getDeployedStartForm(processDefinitionId)))));
    });
  }

  static boolean isCamundaForm(String formKey, CamundaFormRef formRef) {
    return formRef != null || formKey != null && formKey.startsWith(CAMUNDA_FORMS_KEY);
  }

  /** A form key names a resource of the deployment; a form reference is fixed unless it follows "latest". */
  static boolean isImmutable(CamundaFormRef formRef) {
    return formRef == null || !"latest".equals(formRef.getBinding());
  }

  private Optional<FormSchema> remembered(String key, Supplier<Optional<FormSchema>> read) {
    if (key == null) {
      return read.get();
    }
    Optional<FormSchema> known = immutable.get(key);
    if (known == null) {
      known = read.get();
      if (immutable.size() >= CACHE_LIMIT) {
        immutable.clear(); // every deployment adds definitions; a bounded cache is enough
      }
      immutable.put(key, known);
    }
    return known;
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
