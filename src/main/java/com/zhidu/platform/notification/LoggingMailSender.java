package com.zhidu.platform.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mail sender when no {@code spring.mail.host} is configured (the embedded default): writes each mail to
 * the log instead of an SMTP server, so {@code spring-boot:run} needs no mail server and the outbox still
 * drains.
 */
public class LoggingMailSender extends JavaMailSenderImpl {

  private static final Logger log = LoggerFactory.getLogger(LoggingMailSender.class);

  @Override
  protected void doSend(MimeMessage[] messages, Object[] originalMessages) {
    for (MimeMessage message : messages) {
      try {
        log.info("Mail (no spring.mail.host, so logged only) to {}: {}\n{}",
            Arrays.toString(message.getAllRecipients()), message.getSubject(), message.getContent());
      } catch (MessagingException | IOException e) {
        throw new MailPreparationException(e);
      }
    }
  }
}
