package com.zhidu.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Seals yesterday's chain heads shortly after midnight and verifies the whole trail every night (company time
 * zone). Off when {@code zhidu.audit.jobs-enabled} is false (it follows the job executor, so tests call
 * {@link AuditSealer} and {@link AuditVerifier} themselves). Safe on several nodes (see AuditSealer).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "zhidu.audit.jobs-enabled", havingValue = "true")
public class AuditJobs {

  private final AuditSealer sealer;
  private final AuditVerifier verifier;
  private final ZoneId zone;

  public AuditJobs(AuditSealer sealer, AuditVerifier verifier, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.sealer = sealer;
    this.verifier = verifier;
    this.zone = zone;
  }

  @Scheduled(cron = "${zhidu.audit.seal-cron:0 5 0 * * *}", zone = "${zhidu.time-zone:Asia/Taipei}")
  public void sealYesterday() {
    sealer.seal(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).minusDays(1));
  }

  /** A broken trail is logged as an error by the verifier; operations alert on it. */
  @Scheduled(cron = "${zhidu.audit.verify-cron:0 30 0 * * *}", zone = "${zhidu.time-zone:Asia/Taipei}")
  public void verify() {
    verifier.verifyAll();
  }
}
