package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Set;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.executor.SimpleExecutor;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

/** Which objects the plugin wraps (what it does to a query: TaskQueryAuthorizationIT on PostgreSQL). */
class PlannedWithTheirValuesTest {

  final PlannedWithTheirValues plugin = new PlannedWithTheirValues(Set.of("anyStatement"));

  @Test
  void anExecutorIsWrapped() {
    Object wrapped = plugin.plugin(new SimpleExecutor(new Configuration(), null));
    assertThat(Proxy.isProxyClass(wrapped.getClass())).isTrue();
    assertThat(wrapped).isInstanceOf(Executor.class);
  }

  @Test
  void everythingElseIsLeftAsItIs() {
    Object handler = new Object();
    assertThat(plugin.plugin(handler)).isSameAs(handler);
  }
}
