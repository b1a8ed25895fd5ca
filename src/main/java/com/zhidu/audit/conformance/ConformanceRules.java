package com.zhidu.audit.conformance;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rules that share an implementation, declared once per clause. */
@Configuration(proxyBeanMethods = false)
public class ConformanceRules {

  @Bean
  ConformanceRule researchReportsApprovedBeforeFeedback(ProcessEngine engine, JdbcTemplate jdbc) {
    return new ReportApprovedBeforeFeedback("§3.1.5", "marketResearch", "市場調研報告", engine, jdbc);
  }

  @Bean
  ConformanceRule operationsReportsApprovedBeforeFeedback(ProcessEngine engine, JdbcTemplate jdbc) {
    return new ReportApprovedBeforeFeedback("§3.4.4", "operationsAnalysis", "運營分析報告", engine, jdbc);
  }
}
