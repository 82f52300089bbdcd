package dev.baton.service.api;

import dev.baton.service.auth.ApiTokens;
import dev.baton.service.auth.TokenAuthenticator;
import dev.baton.service.config.AuditLog;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** One shared web-layer context (so the tests that use it boot it once). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(properties = "baton.temporal-ui-url=http://temporal-ui")
@ContextConfiguration(classes = WebLayerTestApp.class)
@MockitoBean(
    types = {
      AppOperations.class,
      FleetOperations.class,
      FleetReader.class,
      dev.baton.activities.state.HostRegistry.class,
      StateReader.class,
      TokenAuthenticator.class,
      ApiTokens.class,
      AuditLog.class
    })
@interface WebLayerTest {}
