package com.zhidu.platform;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web security: puts {@code /engine-rest/*} behind HTTP Basic. Without it the REST API is open and anonymous calls
 * skip every authorization check. The filter authenticates the user with the identity service, so
 * authorizations, login throttling and the user operation log all apply.
 */
@Configuration(proxyBeanMethods = false)
public class RestSecurity {

  @Bean
  public FilterRegistrationBean<Filter> processEngineAuthenticationFilter(JerseyApplicationPath restPath) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("zhidu-rest-authentication");
    registration.setOrder(1);
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }

  /** Refusals by Zhidu's rules get their own status and JSON, after authentication. */
  @Bean
  public FilterRegistrationBean<RefusalResponseFilter> refusalResponseFilter() {
    FilterRegistrationBean<RefusalResponseFilter> registration =
        new FilterRegistrationBean<>(new RefusalResponseFilter());
    registration.setName("zhidu-refusal-response");
    registration.setOrder(2);
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/zhidu/api/*");
    return registration;
  }
}
