package com.zhidu.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.stream.Collectors;
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
 * And a malformed JSON body is always answered by Camunda's own handlers, with its JSON error.
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
          .filter(c -> c != JacksonConfigurator.class).collect(Collectors.toSet());
      registerClasses(configuration);
      register(new SharedObjectMapper());
      // Without Jackson's own exception mappers: they tie with Camunda's handlers for the same exceptions, so which
      // one answered a malformed body (Camunda's JSON error or Jackson's plain text) changed from start to start.
      register(JacksonFeature.withoutExceptionMappers());
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
