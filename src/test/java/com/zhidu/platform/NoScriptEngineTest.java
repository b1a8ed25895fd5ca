package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.Test;

/**
 * Deployed models must not run code of their own: with no general-purpose JSR-223 engine on the
 * classpath a script task or script listener cannot execute even if one slipped past the model checks.
 * Camunda's own FEEL (decision tables) and JUEL (the expression language BPMN already uses) remain.
 */
class NoScriptEngineTest {

  @Test
  void onlyCamundasExpressionLanguagesAreScriptEngines() {
    ScriptEngineManager manager = new ScriptEngineManager();
    for (String language : List.of("javascript", "js", "graal.js", "nashorn", "groovy", "python", "jython", "ruby", "kotlin")) {
      assertThat(manager.getEngineByName(language)).as("script engine for " + language).isNull();
    }
    assertThat(manager.getEngineFactories()).extracting(f -> f.getClass().getName())
        .allMatch(name -> name.startsWith("org.camunda.feel.") || name.startsWith("org.camunda.bpm.engine.impl.scripting.engine.Juel"));
  }
}
