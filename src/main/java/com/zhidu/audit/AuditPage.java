package com.zhidu.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The auditor page (static, under static/zhidu/audit/) at /zhidu/audit/: Spring serves index.html only for "/". */
@Configuration(proxyBeanMethods = false)
public class AuditPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/zhidu/audit", "/zhidu/audit/");
    registry.addViewController("/zhidu/audit/").setViewName("forward:/zhidu/audit/index.html");
  }
}
