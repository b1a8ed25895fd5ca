package com.zhidu.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web security: puts {@code /engine-rest/*} behind HTTP Basic. Without it the REST API is open and anonymous calls
 * skip every authorization check. The filter authenticates the user through {@link BasicCredentials} (the identity
 * service's check, without re-hashing a password this node has verified against the same stored hash), so
 * authorizations, login throttling and the user operation log all apply.
 */
@Configuration(proxyBeanMethods = false)
public class RestSecurity {

  @Bean
  public FilterRegistrationBean<Filter> processEngineAuthenticationFilter(JerseyApplicationPath restPath,
      BasicCredentials credentials) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new CheckedCredentialsFilter(credentials));
    registration.setName("zhidu-rest-authentication");
    registration.setOrder(1);
    registration.addUrlPatterns(restPath.getUrlMapping());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }

  /**
   * Camunda's REST authentication filter with its HTTP Basic provider, the password check and the user's groups and
   * tenants coming from {@link BasicCredentials} (one query per request instead of the identity service's several).
   */
  static final class CheckedCredentialsFilter extends ProcessEngineAuthenticationFilter {
    private final BasicCredentials credentials;

    CheckedCredentialsFilter(BasicCredentials credentials) {
      this.credentials = credentials;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
      super.init(config);
      authenticationProvider = new CheckedCredentialsProvider(credentials);
    }
  }

  /** Camunda's HTTP Basic parsing and challenge; the check and the memberships from {@link BasicCredentials}. */
  static final class CheckedCredentialsProvider extends HttpBasicAuthenticationProvider {
    private final BasicCredentials credentials;
    private final ThreadLocal<Authentication> checked = new ThreadLocal<>();

    CheckedCredentialsProvider(BasicCredentials credentials) {
      this.credentials = credentials;
    }

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      try {
        AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
        Authentication user = checked.get();
        if (result.isAuthenticated() && user != null) {
          result.setGroups(user.getGroupIds());
          result.setTenants(user.getTenantIds());
        }
        return result;
      } finally {
        checked.remove();
      }
    }

    @Override
    protected boolean isAuthenticated(ProcessEngine engine, String userName, String password) {
      Authentication user = credentials.authenticate(userName, password).orElse(null);
      checked.set(user);
      return user != null;
    }
  }

  /** Refusals by Zhidu's rules get their own status and JSON, after authentication. */
  @Bean
  public FilterRegistrationBean<RefusalResponseFilter> refusalResponseFilter() {
    FilterRegistrationBean<RefusalResponseFilter> registration =
        new FilterRegistrationBean<>(new RefusalResponseFilter());
    registration.setName("zhidu-refusal-response");
    registration.setOrder(2);
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/zhidu/api/*");
    return registration;
  }
}
