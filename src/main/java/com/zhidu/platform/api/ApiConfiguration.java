package com.zhidu.platform.api;

import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.BasicCredentials;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Filters of Zhidu's own API and of the guarded parts of the engine APIs. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

  @Bean
  public FilterRegistrationBean<ZhiduApiAuthentication> zhiduApiAuthentication(ProcessEngine engine,
      BasicCredentials credentials) {
    FilterRegistrationBean<ZhiduApiAuthentication> registration =
        new FilterRegistrationBean<>(new ZhiduApiAuthentication(engine, credentials));
    registration.setName("zhidu-api-authentication");
    registration.setOrder(1);
    registration.addUrlPatterns("/zhidu/api/*");
    return registration;
  }

  /** After the REST authentication (order 1), so the engine knows the caller. */
  @Bean
  public FilterRegistrationBean<TaskCommentGuard> taskCommentGuard(ProcessEngine engine,
      CaseParticipants participants) {
    FilterRegistrationBean<TaskCommentGuard> registration =
        new FilterRegistrationBean<>(new TaskCommentGuard(engine, participants));
    registration.setName("zhidu-task-comment-guard");
    registration.setOrder(3);
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    return registration;
  }
}
