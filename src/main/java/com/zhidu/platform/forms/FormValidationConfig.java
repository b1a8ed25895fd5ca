package com.zhidu.platform.forms;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link FormSubmissionFilter} after authentication (1) and inside the refusal answer (2). */
@Configuration(proxyBeanMethods = false)
public class FormValidationConfig {

  @Bean
  public FilterRegistrationBean<FormSubmissionFilter> formSubmissionFilter(ProcessEngine engine, DeployedForms forms) {
    FilterRegistrationBean<FormSubmissionFilter> registration =
        new FilterRegistrationBean<>(new FormSubmissionFilter(engine, forms));
    registration.setName("zhidu-form-submission");
    registration.setOrder(3);
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    return registration;
  }
}
