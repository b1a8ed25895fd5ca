package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@link EngineProviderLookup} and {@link EngineRestResources}: the REST API's per-request engine lookup and
 * object mapper, made cheap without changing what the API answers.
 */
@ZhiduTest
class EngineRestPlumbingTest {

  @Autowired TestRestTemplate rest;
  @Autowired CamundaJerseyResourceConfig restResources;
  @Autowired RuntimeService runtime;
  @Autowired ProcessEngine engine;

  @Test
  void theRememberedServiceFilesHoldWhatTheJarsHold() throws Exception {
    ClassLoader parent = getClass().getClassLoader();
    var remembered = new EngineProviderLookup.RememberedProviderLoader(parent);

    List<URL> original = Collections.list(parent.getResources(EngineProviderLookup.SERVICE_FILE));
    List<URL> copies = Collections.list(remembered.getResources(EngineProviderLookup.SERVICE_FILE));
    assertThat(original).isNotEmpty();
    assertThat(copies).hasSameSizeAs(original);
    for (int i = 0; i < original.size(); i++) {
      try (InputStream a = original.get(i).openStream(); InputStream b = copies.get(i).openStream()) {
        assertThat(b.readAllBytes()).isEqualTo(a.readAllBytes());
      }
      assertThat(copies.get(i).toExternalForm()).contains(original.get(i).toExternalForm());
    }
    assertThat(providerClasses(remembered)).isEqualTo(providerClasses(parent)).isNotEmpty();
    // Everything else is the parent's.
    assertThat(Collections.list(remembered.getResources("META-INF/MANIFEST.MF")))
        .isEqualTo(Collections.list(parent.getResources("META-INF/MANIFEST.MF")));
    assertThat(remembered.loadClass(ProcessEngineProvider.class.getName())).isSameAs(ProcessEngineProvider.class);
  }

  @Test
  void theFilterWrapsTheContextClassLoaderOnlyDuringTheRequest() throws Exception {
    var filter = new EngineProviderLookup.RememberedProviderFilter();
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    AtomicReference<ClassLoader> during = new AtomicReference<>();
    FilterChain chain = (req, res) -> during.set(Thread.currentThread().getContextClassLoader());

    filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
    assertThat(during.get()).isInstanceOf(EngineProviderLookup.RememberedProviderLoader.class);
    assertThat(during.get().getParent()).isSameAs(before);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);

    ClassLoader first = during.get();
    filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
    assertThat(during.get()).as("one wrapper for all requests").isSameAs(first);

    FilterChain failing = (req, res) -> {
      throw new ServletException("refused");
    };
    assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), failing))
        .isInstanceOf(ServletException.class);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void oneObjectMapperWithCamundasConfigurationServesTheRestApi() throws Exception {
    assertThat(restResources.getClasses()).doesNotContain(JacksonConfigurator.class);
    List<EngineRestResources.SharedObjectMapper> resolvers = restResources.getInstances().stream()
        .filter(EngineRestResources.SharedObjectMapper.class::isInstance)
        .map(EngineRestResources.SharedObjectMapper.class::cast).toList();
    assertThat(resolvers).hasSize(1);
    ObjectMapper mapper = resolvers.get(0).getContext(Object.class);
    assertThat(resolvers.get(0).getContext(String.class)).isSameAs(mapper);
    ObjectMapper camunda = JacksonConfigurator.configureObjectMapper(new ObjectMapper());
    assertThat(mapper.getSerializationConfig().getSerializationFeatures())
        .isEqualTo(camunda.getSerializationConfig().getSerializationFeatures());
    assertThat(mapper.getDeserializationConfig().getDeserializationFeatures())
        .isEqualTo(camunda.getDeserializationConfig().getDeserializationFeatures());

    // Over HTTP: Camunda's date format, an unknown property tolerated as Camunda's mapper does, errors as JSON.
    runtime.startProcessInstanceByKey("security-fixture");
    String api = "/engine-rest/engine/" + engine.getName(); // the test engine has a unique name
    var tasks = rest.withBasicAuth("sunli", "sunli")
        .getForEntity(api + "/task?processDefinitionKey=security-fixture&maxResults=1", JsonNode.class);
    assertThat(tasks.getStatusCode()).as(String.valueOf(tasks.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(tasks.getBody()).isNotEmpty();
    assertThat(tasks.getBody().get(0).get("created").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}");
    var query = rest.withBasicAuth("sunli", "sunli").postForEntity(api + "/task/count",
        java.util.Map.of("processDefinitionKey", "security-fixture", "notAQueryField", 1), JsonNode.class);
    assertThat(query.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(query.getBody().get("count").asLong()).isPositive();
    // A malformed value: Camunda's JSON error naming the field, every time (Jackson's plain-text mapper used to win
    // at random, and Camunda's own handler left the message empty).
    for (int i = 0; i < 3; i++) {
      var bad = rest.withBasicAuth("sunli", "sunli").postForEntity(api + "/task/count",
          java.util.Map.of("dueBefore", "not a date"), String.class);
      assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(bad.getHeaders().getContentType()).hasToString("application/json");
      JsonNode error = new ObjectMapper().readTree(bad.getBody());
      assertThat(error.get("type").asText()).isEqualTo("InvalidRequestException");
      assertThat(error.get("message").asText()).startsWith("「dueBefore」的值無法讀取").contains("not a date");
    }
  }

  private static List<String> providerClasses(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(ProcessEngineProvider.class, loader).stream().forEach(p -> names.add(p.type().getName()));
    return names;
  }
}
