package com.zhidu.platform.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Mail transport: Spring Boot's JavaMailSender from {@code spring.mail.*} when a host is set; otherwise the
 * {@link LoggingMailSender}. (Boot's mail auto-configuration only acts when {@code spring.mail.host} is set.)
 */
@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {

  @Bean
  @ConditionalOnExpression("'${spring.mail.host:}'.isBlank()")
  public JavaMailSender loggingMailSender() {
    return new LoggingMailSender();
  }
}
