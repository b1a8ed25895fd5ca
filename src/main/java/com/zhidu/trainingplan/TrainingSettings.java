package com.zhidu.trainingplan;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Training settings process owners tune in application.yaml ({@code zhidu.training.*}): how long after a
 * course the line manager assesses its application at work (§5.4.1), an ISO-8601 duration such as P42D.
 */
@Component("trainingSettings")
public class TrainingSettings {

  private final String applicationAssessmentAfter;

  public TrainingSettings(@Value("${zhidu.training.application-assessment-after:P42D}") String applicationAssessmentAfter) {
    try {
      if (applicationAssessmentAfter.contains("T")) {
        Duration.parse(applicationAssessmentAfter);
      } else {
        Period.parse(applicationAssessmentAfter);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("zhidu.training.application-assessment-after must be an ISO-8601 duration"
          + " such as P42D, was " + applicationAssessmentAfter, e);
    }
    this.applicationAssessmentAfter = applicationAssessmentAfter;
  }

  public String applicationAssessmentAfter() {
    return applicationAssessmentAfter;
  }
}
