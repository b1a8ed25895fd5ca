package com.zhidu.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tasklist submits checklist, taglist and dynamic-list fields as variables of type {@code Json}; the
 * engine knows that type only with Camunda Spin, so without it such forms could never be completed.
 */
@ZhiduTest
class JsonVariablesTest {

  @Autowired ProcessEngine engine;

  @Test
  void theEngineKnowsTheJsonVariableTypeTasklistSends() {
    var types = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getValueTypeResolver();
    assertThat(types.typeForName("json")).as("value type json").isNotNull();
  }
}
