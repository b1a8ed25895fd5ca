package com.zhidu.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Camunda's REST API (Zhidu's {@code /engine-rest} and the webapps' {@code /camunda/api/engine}) finds the process
 * engine with {@code ServiceLoader.load(ProcessEngineProvider.class)} for every resource it creates, several times per
 * request; the JDK's service loader opens and parses every jar's {@code META-INF/services} file each time, without
 * caching (~4 % of the CPU of a REST request in the load bench). For these requests the thread's context class
 * loader is wrapped in one that answers that single service file from memory, read once; everything else (classes,
 * other resources) is the original loader's. The engine found is the same: the same file contents, the same classes.
 */
@Configuration(proxyBeanMethods = false)
public class EngineProviderLookup {

  static final String SERVICE_FILE = "META-INF/services/" + ProcessEngineProvider.class.getName();

  @Bean
  public FilterRegistrationBean<Filter> engineProviderLookupFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new RememberedProviderFilter());
    registration.setName("zhidu-engine-provider-lookup");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before the REST authentication, which looks the engine up too
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    return registration;
  }

  static final class RememberedProviderFilter implements Filter {
    // Tomcat runs every request of the application with the same context class loader: one wrapper serves them all.
    private volatile RememberedProviderLoader loader;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      Thread thread = Thread.currentThread();
      ClassLoader original = thread.getContextClassLoader();
      if (original == null || original instanceof RememberedProviderLoader) {
        chain.doFilter(request, response);
        return;
      }
      thread.setContextClassLoader(loaderFor(original));
      try {
        chain.doFilter(request, response);
      } finally {
        thread.setContextClassLoader(original);
      }
    }

    private RememberedProviderLoader loaderFor(ClassLoader original) {
      RememberedProviderLoader current = loader;
      if (current == null || current.getParent() != original) {
        current = new RememberedProviderLoader(original);
        loader = current;
      }
      return current;
    }
  }

  /** Delegates everything to its parent, but answers {@link #SERVICE_FILE} with copies read once. */
  static final class RememberedProviderLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final List<URL> serviceFiles;

    RememberedProviderLoader(ClassLoader parent) {
      super(parent);
      this.serviceFiles = remember(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return SERVICE_FILE.equals(name) ? Collections.enumeration(serviceFiles) : super.getResources(name);
    }

    private static List<URL> remember(ClassLoader parent) {
      List<URL> copies = new ArrayList<>();
      try {
        Enumeration<URL> files = parent.getResources(SERVICE_FILE);
        while (files.hasMoreElements()) {
          URL file = files.nextElement();
          byte[] content;
          try (InputStream in = file.openStream()) {
            content = in.readAllBytes();
          }
          copies.add(inMemory(file, content));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + SERVICE_FILE, e);
      }
      return List.copyOf(copies);
    }

    /** A URL named like the original whose connection serves the remembered bytes. */
    private static URL inMemory(URL original, byte[] content) throws MalformedURLException {
      URLStreamHandler handler = new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL url) {
          return new URLConnection(url) {
            @Override
            public void connect() {
              connected = true;
            }

            @Override
            public InputStream getInputStream() {
              return new ByteArrayInputStream(content);
            }
          };
        }
      };
      return new URL("zhidu-remembered", null, -1, original.toExternalForm(), handler);
    }
  }
}
