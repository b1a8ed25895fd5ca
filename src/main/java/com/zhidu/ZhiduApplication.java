package com.zhidu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Zhidu: the Business Management Department's regulation, executable on Camunda 7. */
@SpringBootApplication
public class ZhiduApplication {

  public static void main(String[] args) {
    SpringApplication.run(ZhiduApplication.class, args);
  }
}
