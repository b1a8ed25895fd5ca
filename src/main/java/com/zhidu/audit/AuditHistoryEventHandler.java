package com.zhidu.audit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.util.TypedValueField;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Copies the history events an auditor needs into the audit trail, beside the engine's own history (the
 * engine calls this next to its default DB handler, in the same command and transaction). Payload: every
 * plain field of the event (strings, numbers, dates, byte contents as SHA-256 plus Base64 when small) as
 * JSON with sorted keys, so one mechanism covers every process and every kind of event.
 */
public class AuditHistoryEventHandler implements HistoryEventHandler {

  /** Byte values (files, serialized objects) larger than this are recorded by their SHA-256 only. */
  static final int MAX_INLINE_BYTES = 16 * 1024;
  static final Set<String> PROCESS_EVENTS = Set.of("start", "end", "migrate");
  static final Set<String> ACTIVITY_EVENTS = Set.of("start", "end");
  static final Set<String> TASK_EVENTS = Set.of("create", "update", "complete", "delete");

  /** Per event class, its readable instance fields (see {@link #fieldsOf}): reflection once per class. */
  private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();
  /** Per event class, the first field of each name in {@link #fieldsOf}'s order, for {@link #stringField}. */
  private static final Map<Class<?>, Map<String, Field>> FIELD_BY_NAME = new ConcurrentHashMap<>();

  private final ObjectProvider<AuditTrail> trail;
  private volatile AuditTrail resolvedTrail; // the bean, once it exists (the engine is built before it)

  public AuditHistoryEventHandler(ObjectProvider<AuditTrail> trail) {
    this.trail = trail;
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    String type = eventType(event);
    if (type == null) {
      return;
    }
    // A decision evaluation carries its process context on the decision instance, not on the event.
    HistoryEvent context = event instanceof HistoricDecisionEvaluationEvent evaluation
        && evaluation.getRootHistoricDecisionInstance() != null ? evaluation.getRootHistoricDecisionInstance() : event;
    String caseId = firstNonNull(context.getRootProcessInstanceId(), context.getProcessInstanceId(), AuditTrail.NO_CASE);
    String user = event instanceof UserOperationLogEntryEventEntity operation ? operation.getUserId() : currentUser();
    String taskId = stringField(event, "taskId");
    String activityId = firstNonNull(stringField(context, "activityId"), stringField(event, "taskDefinitionKey"), null);
    AuditTrail audit = resolvedTrail;
    if (audit == null) {
      audit = resolvedTrail = trail.getObject();
    }
    audit.append(new AuditTrail.Entry(caseId, type, user, context.getProcessInstanceId(),
        context.getProcessDefinitionKey(), taskId, activityId, payload(event)));
  }

  /** The audit event type, or null for events the audit does not keep (jobs, batches, scope updates ...). */
  static String eventType(HistoryEvent event) {
    String type = event.getEventType();
    if (event instanceof UserOperationLogEntryEventEntity operation) {
      return "operation." + operation.getOperationType();
    } else if (event instanceof HistoricProcessInstanceEventEntity) {
      return PROCESS_EVENTS.contains(type) ? "process." + type : null;
    } else if (event instanceof HistoricActivityInstanceEventEntity) {
      return ACTIVITY_EVENTS.contains(type) ? "activity." + type : null;
    } else if (event instanceof HistoricTaskInstanceEventEntity) {
      return TASK_EVENTS.contains(type) ? "task." + type : null;
    } else if (event instanceof HistoricVariableUpdateEventEntity) {
      return "variable." + type;
    } else if (event instanceof HistoricFormPropertyEventEntity) {
      return "form-property." + type;
    } else if (event instanceof HistoricDecisionEvaluationEvent) {
      return "decision.evaluate";
    } else if (event instanceof HistoricIncidentEventEntity) {
      return "incident." + type;
    } else if (event instanceof HistoricIdentityLinkLogEventEntity) {
      return "identity-link." + type;
    }
    return null;
  }

  static String payload(HistoryEvent event) {
    return CanonicalJson.write(fields(event, 0));
  }

  /** The event's own state: plain fields, nested history events (decision inputs/outputs), nulls left out. */
  static Map<String, Object> fields(Object entity, int depth) {
    Map<String, Object> values = new TreeMap<>();
    for (Field field : fieldsOf(entity.getClass())) {
      if (!values.containsKey(field.getName())) { // a subclass's field hides its superclass's of the same name
        Object value = plain(read(field, entity), depth);
        if (value != null) {
          values.put(field.getName(), value);
        }
      }
    }
    return values;
  }

  /** The instance fields of a class and its superclasses, the subclass's first, made readable. */
  private static List<Field> fieldsOf(Class<?> entityType) {
    return FIELDS.computeIfAbsent(entityType, t -> {
      List<Field> fields = new ArrayList<>();
      for (Class<?> type = t; type != Object.class; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers()) && accessible(field)) {
            fields.add(field);
          }
        }
      }
      return List.copyOf(fields);
    });
  }

  private static boolean accessible(Field field) {
    try {
      field.setAccessible(true);
      return true;
    } catch (RuntimeException e) {
      return false; // not readable: not an audit fact
    }
  }

  private static Object plain(Object value, int depth) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    } else if (value instanceof Date date) {
      return AuditHash.time(date.toInstant());
    } else if (value instanceof byte[] bytes) {
      Map<String, Object> content = new TreeMap<>();
      content.put("sha256", AuditHash.sha256(bytes));
      content.put("size", bytes.length);
      if (bytes.length <= MAX_INLINE_BYTES) {
        content.put("base64", Base64.getEncoder().encodeToString(bytes));
      }
      return content;
    } else if (value instanceof TypedValueField typed) {
      return typed.getSerializerName();
    } else if (value instanceof HistoryEvent nested && depth < 2) {
      return fields(nested, depth + 1);
    } else if (value instanceof Collection<?> items && depth < 2) {
      List<Object> list = new ArrayList<>();
      for (Object item : items) {
        Object plain = item instanceof HistoryEvent nested ? fields(nested, depth + 1) : plain(item, depth + 1);
        if (plain != null) {
          list.add(plain);
        }
      }
      return list.isEmpty() ? null : list;
    }
    return null; // engine internals (serializers, caches, back references) are not audit facts
  }

  private static Object read(Field field, Object entity) {
    try {
      return field.get(entity);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  static String stringField(Object entity, String name) {
    Field field = FIELD_BY_NAME.computeIfAbsent(entity.getClass(), type -> {
      Map<String, Field> byName = new HashMap<>();
      fieldsOf(type).forEach(f -> byName.putIfAbsent(f.getName(), f));
      return byName;
    }).get(name);
    return field != null && read(field, entity) instanceof String value ? value : null;
  }

  private static String currentUser() {
    CommandContext command = Context.getCommandContext();
    return command == null ? null : command.getAuthenticatedUserId();
  }

  private static String firstNonNull(String a, String b, String fallback) {
    return a != null ? a : b != null ? b : fallback;
  }
}
