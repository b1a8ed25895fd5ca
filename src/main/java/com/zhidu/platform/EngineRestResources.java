package com.zhidu.platform;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /engine-rest} as the Camunda starter configures it, with one change: Camunda's {@link JacksonConfigurator}
 * builds a new {@link ObjectMapper} each time one is asked for (for every resource and every JSON body, so Jackson's
 * serializer caches start empty at every request, ~3 % of the CPU of a REST request in the load bench). Here one
 * mapper with exactly its configuration serves every request; an {@code ObjectMapper} is thread-safe once configured.
 * And a malformed JSON body is always answered with Camunda's JSON error, naming the field that could not be read.
 */
@Configuration(proxyBeanMethods = false)
public class EngineRestResources {

  @Bean
  public CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    return new SharedMapperResourceConfig();
  }

  // Spring Boot reads the path from this class's own annotation, not from the Camunda class it extends.
  @ApplicationPath("/engine-rest")
  static final class SharedMapperResourceConfig extends CamundaJerseyResourceConfig {
    @Override
    protected void registerCamundaRestResources() {
      registerClasses(CamundaRestResources.getResourceClasses());
      Set<Class<?>> configuration = CamundaRestResources.getConfigurationClasses().stream()
          .filter(c -> c != JacksonConfigurator.class && c != JsonMappingExceptionHandler.class)
          .collect(Collectors.toSet());
      registerClasses(configuration);
      register(new SharedObjectMapper());
      register(new UnreadableValue());
      // Without Jackson's own exception mappers: they tie with Camunda's handlers for the same exceptions, so which
      // one answered a malformed body (Camunda's JSON error or Jackson's plain text) changed from start to start.
      register(JacksonFeature.withoutExceptionMappers());
    }
  }

  /**
   * A value the body's JSON cannot be read into (a date that is not one, text for a number): Camunda's answer, 400
   * with its JSON error, but naming the field — Camunda's own handler leaves the message empty.
   */
  @Provider
  static final class UnreadableValue implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException e) {
      String field = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      String message = (field.isEmpty() ? "請求內容無法讀取" : "「" + field + "」的值無法讀取")
          + "（" + e.getOriginalMessage() + "）";
      return ExceptionHandlerHelper.getInstance()
          .getResponse(new InvalidRequestException(Response.Status.BAD_REQUEST, e, message));
    }
  }

  /** Camunda's REST mapper configuration, built once. */
  @Provider
  @Produces(MediaType.APPLICATION_JSON)
  static final class SharedObjectMapper implements ContextResolver<ObjectMapper> {
    private final ObjectMapper mapper = JacksonConfigurator.configureObjectMapper(new ObjectMapper());

    @Override
    public ObjectMapper getContext(Class<?> type) {
      return mapper;
    }
  }
}
