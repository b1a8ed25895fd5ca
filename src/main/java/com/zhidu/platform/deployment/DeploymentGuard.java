package com.zhidu.platform.deployment;

import com.zhidu.platform.ModelChecks;
import com.zhidu.platform.ModelChecks.BeanPolicy;
import com.zhidu.platform.ModelChecks.Problem;
import com.zhidu.platform.ModelChecks.Source;
import com.zhidu.platform.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Checks every new deployment as a whole before the engine parses any of it, whoever deploys and however
 * (REST from Camunda Modeler, the webapps' API, Java, the start-up auto-deployment): deploying is running
 * code (reliability-security.md §0.5). A pre-deployer runs first in the deploy command's transaction, so a
 * refusal leaves nothing deployed. The rules are the build's {@link ModelChecks} plus the bean allow-list;
 * an accepted deployment is recorded with its deployer and a diff ({@link DeploymentRecords}).
 */
@Component
public class DeploymentGuard extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentGuard.class);

  /** The shipped models: the beans they name are allowed (they are reviewed with the code). */
  static final String[] SHIPPED = {"classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn"};

  /** CMMN runs expressions and Java classes too, and no procedure here uses it. */
  static final String[] CMMN_SUFFIXES = {".cmmn", ".cmmn10.xml", ".cmmn11.xml"};

  private final ApplicationContext beans;
  private final List<String> configuredBeans;
  private final ObjectProvider<DeploymentRecords> records;
  private volatile Set<String> allowedBeans;

  public DeploymentGuard(ApplicationContext beans,
      @Value("${zhidu.deployment.allowed-beans:}") List<String> configuredBeans,
      ObjectProvider<DeploymentRecords> records) {
    this.beans = beans;
    this.configuredBeans = configuredBeans;
    this.records = records;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(0, new Guard());
    // The same allow-list at run time: expressions resolve only allowed beans, so a model that reached the
    // database some other way still cannot call the rest (replaces the starter's all-beans resolver).
    configuration.setExpressionManager(new SpringExpressionManager(beans, new AllowedBeans()));
  }

  /** The allowed beans as the read-only map Camunda's expression manager resolves names from. */
  private final class AllowedBeans extends AbstractMap<Object, Object> {
    @Override
    public boolean containsKey(Object name) {
      return name instanceof String bean && allowedBeans().contains(bean) && beans.containsBean(bean);
    }

    @Override
    public Object get(Object name) {
      return containsKey(name) ? beans.getBean((String) name) : null;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      Set<Map.Entry<Object, Object>> entries = new LinkedHashSet<>();
      allowedBeans().stream().filter(beans::containsBean)
          .forEach(bean -> entries.add(new SimpleImmutableEntry<>(bean, beans.getBean(bean))));
      return entries;
    }
  }

  /** Beans BPMN may call: the configured ones plus those the shipped models name. */
  public Set<String> allowedBeans() {
    Set<String> allowed = allowedBeans;
    if (allowed == null) {
      allowed = new TreeSet<>();
      configuredBeans.stream().map(String::trim).filter(b -> !b.isEmpty()).forEach(allowed::add);
      for (Source source : shippedModels()) {
        ModelChecks.identifiersIn(source).stream().filter(beans::containsBean).forEach(allowed::add);
      }
      LOG.info("Beans process models may call: {}", allowed);
      allowedBeans = Set.copyOf(allowed);
    }
    return allowed;
  }

  static List<Source> shippedModels() {
    List<Source> sources = new ArrayList<>();
    try {
      for (String pattern : SHIPPED) {
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
          try (var in = resource.getInputStream()) {
            sources.add(new Source(resource.getFilename(), resource.getDescription(), in.readAllBytes()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources;
  }

  /** The problems of a deployment's resources, checked together and against forms deployed earlier. */
  List<Problem> check(DeploymentEntity deployment, CommandContext context) {
    List<Problem> problems = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      String lower = name.toLowerCase(Locale.ROOT);
      for (String suffix : CMMN_SUFFIXES) {
        if (lower.endsWith(suffix)) {
          problems.add(new Problem(ModelChecks.Rule.RESOURCE, name, null, "不接受 CMMN 案例模型,請以 BPMN 建模",
              "CMMN case models are not accepted; model the procedure in BPMN"));
        }
      }
      sources.add(new Source(checkedName(name), name, resource.getBytes()));
    }
    Set<String> knownForms = new HashSet<>();
    for (Source source : sources) {
      if (source.name().endsWith(".bpmn")) {
        for (String formId : ModelChecks.formRefsIn(source)) {
          if (context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(formId) != null) {
            knownForms.add(formId);
          }
        }
      }
    }
    problems.addAll(ModelChecks.check(sources, knownForms, new BeanPolicy(beans::containsBean, allowedBeans())));
    return problems;
  }

  /** The engine also runs {@code x.bpmn20.xml} and {@code x.dmn11.xml}: check them as BPMN and DMN. */
  static String checkedName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".bpmn20.xml")) {
      return name.substring(0, name.length() - ".bpmn20.xml".length()) + ".bpmn";
    }
    if (lower.endsWith(".dmn11.xml")) {
      return name.substring(0, name.length() - ".dmn11.xml".length()) + ".dmn";
    }
    if (lower.endsWith(".bpmn") || lower.endsWith(".dmn") || lower.endsWith(".form")) {
      // Case matters to ModelChecks' suffix test, not to the engine's.
      return name.substring(0, name.lastIndexOf('.')) + lower.substring(lower.lastIndexOf('.'));
    }
    return name;
  }

  static Refusal refusal(List<Problem> problems) {
    List<Refusal.Error> errors = new ArrayList<>();
    for (Problem p : problems) {
      String where = p.file() + (p.elementId() == null ? "" : " [" + p.elementId() + "]");
      errors.add(new Refusal.Error(p.elementId(), where + ":" + p.zh(), p.rule() + " " + where + ": " + p.en()));
    }
    return new Refusal(400, errors);
  }

  /** Runs before the BPMN, DMN and form deployers; only for new deployments, not cache reloads. */
  private final class Guard implements Deployer {
    @Override
    public void deploy(DeploymentEntity deployment) {
      if (!deployment.isNew()) {
        return;
      }
      CommandContext context = Context.getCommandContext();
      List<Problem> problems = check(deployment, context);
      if (!problems.isEmpty()) {
        LOG.warn("Deployment '{}' by {} refused:\n{}", deployment.getName(), context.getAuthenticatedUserId(),
            ModelChecks.describe(problems));
        throw refusal(problems);
      }
      records.getObject().record(deployment, context);
    }
  }
}
