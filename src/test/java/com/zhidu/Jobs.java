package com.zhidu;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Tests run with the job executor off: this runs a case's due jobs (and the jobs they create) as it would. */
public final class Jobs {

  private Jobs() {}

  public static void executeAll(ManagementService management, String processInstanceId) {
    List<Job> jobs;
    while (!(jobs = management.createJobQuery().processInstanceId(processInstanceId).executable().list()).isEmpty()) {
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
