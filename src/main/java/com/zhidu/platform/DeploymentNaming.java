package com.zhidu.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.zhidu.platform.deployment.RepositoryDrift;
import com.zhidu.platform.deployment.RepositoryDrift.Drift;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaDeploymentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultDeploymentConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Deploys processes, decisions and forms under stable names relative to the classpath roots
 * {@code processes/} and {@code forms/}. The starter names resources by absolute path (exploded runs)
 * or bare file name (fat jar), which creates new versions on every machine and silently drops one of
 * two same-named files in different folders. Stable names keep duplicate filtering working: a restart
 * with unchanged files deploys nothing new.
 *
 * <p>The start-up deployment is done here rather than by Spring's auto-deployment, so that it can leave out
 * a process file whose newest deployed version came from Camunda Modeler and differs from it
 * ({@link RepositoryDrift}): the process owner's trial stays active and is reported, not silently replaced.
 */
@Configuration(proxyBeanMethods = false)
public class DeploymentNaming {

  static final String[] ROOTS = {"processes/", "forms/"};

  @Bean
  public static CamundaDeploymentConfiguration camundaDeploymentConfiguration() {
    return new RelativeNameDeploymentConfiguration();
  }

  public static class RelativeNameDeploymentConfiguration extends DefaultDeploymentConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentNaming.class);

    @Autowired
    private ObjectProvider<RepositoryDrift> drift;
    private Resource[] resources = new Resource[0];
    private String deploymentName;
    private String tenantId;
    private boolean changedOnly;

    @Override
    public Set<Resource> getDeploymentResources() {
      return byRelativeName(super.getDeploymentResources());
    }

    /** Takes the resources over from Spring's auto-deployment, which would deploy them all unconditionally. */
    @Override
    public void preInit(SpringProcessEngineConfiguration configuration) {
      super.preInit(configuration);
      resources = configuration.getDeploymentResources() == null ? new Resource[0] : configuration.getDeploymentResources();
      deploymentName = configuration.getDeploymentName();
      tenantId = configuration.getDeploymentTenantId();
      changedOnly = configuration.isDeployChangedOnly();
      configuration.setDeploymentResources(new Resource[0]);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
      deploy(engine, List.of(resources));
    }

    /**
     * The start-up deployment of {@code files} (named relative to the roots), as Spring's auto-deployment does
     * it (same name, tenant and duplicate filtering), without the files that drifted from a Modeler version.
     * Returns the drifts it left out.
     */
    public List<Drift> deploy(ProcessEngine engine, Collection<? extends Resource> files) {
      if (files.isEmpty()) {
        return List.of();
      }
      List<Drift> drifts = drift.getObject().find(engine, files);
      Set<String> skipped = drift.getObject().leftOut(drifts, files);
      for (Drift d : drifts) {
        LOG.warn("Not deploying {}: the newest version of {} '{}' was deployed by {} (source {}) and differs from the"
                + " repository; it stays active until the change is committed to processes/. {}",
            d.file(), d.kind(), d.key(), d.deployedBy(), d.deploymentSource(), d.describe());
      }
      if (!drifts.isEmpty()) {
        LOG.warn("Files left out of the start-up deployment: {}", skipped);
      }
      DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
          .enableDuplicateFiltering(changedOnly).name(deploymentName).tenantId(tenantId);
      int added = 0;
      for (Resource file : files) {
        if (!skipped.contains(file.getDescription())) {
          builder.addInputStream(file.getDescription(), new ByteArrayInputStream(read(file)));
          added++;
        }
      }
      if (added > 0) {
        builder.deploy();
      }
      return drifts;
    }

    /**
     * The resources under their relative names; the same file found twice (e.g. on two classpath roots)
     * counts once, two different files with one name refuse start-up.
     */
    static Set<Resource> byRelativeName(Iterable<Resource> resources) {
      Map<String, NamedResource> byName = new TreeMap<>();
      for (Resource resource : resources) {
        String name = relativeName(resource);
        NamedResource named = new NamedResource(read(resource), name);
        NamedResource earlier = byName.putIfAbsent(name, named);
        if (earlier != null && !Arrays.equals(earlier.getByteArray(), named.getByteArray())) {
          throw new IllegalStateException(
              "Two different deployment resources share the name '" + name + "': rename one of them");
        }
      }
      return new LinkedHashSet<>(byName.values());
    }

    /** The part of the URL from the last "processes/" or "forms/" root, e.g. {@code forms/a/x.form}. */
    static String relativeName(Resource resource) {
      String url;
      try {
        url = resource.getURL().toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Cut at the classpath root: after "!/" in a jar, after "/classes/" or "/test-classes/" when exploded.
      String path = url;
      for (String marker : new String[] {"!/", "/classes/", "/test-classes/"}) {
        int at = url.lastIndexOf(marker);
        if (at >= 0 && url.length() - at - marker.length() < path.length()) {
          path = url.substring(at + marker.length());
        }
      }
      for (String prefix : ROOTS) {
        if (path.startsWith(prefix)) {
          return path;
        }
      }
      throw new IllegalStateException("Deployment resource outside processes/ and forms/: " + url);
    }

    private static byte[] read(Resource resource) {
      try (var in = resource.getInputStream()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read deployment resource " + resource, e);
      }
    }
  }

  /** The engine names a ByteArrayResource by its description. */
  static final class NamedResource extends ByteArrayResource {
    private final String name;

    NamedResource(byte[] bytes, String name) {
      super(bytes, name);
      this.name = name;
    }

    @Override
    public String getDescription() {
      return name;
    }

    @Override
    public String getFilename() {
      return name;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NamedResource n && n.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
