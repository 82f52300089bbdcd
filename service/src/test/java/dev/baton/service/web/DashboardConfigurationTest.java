package dev.baton.service.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

class DashboardConfigurationTest {

  @Test
  void clientRoutesFallBackToIndex() {
    assertTrue(DashboardConfiguration.isClientRoute(""));
    assertTrue(DashboardConfiguration.isClientRoute("apps/shop"));
    assertTrue(DashboardConfiguration.isClientRoute("apps/shop/revisions"));
    assertTrue(DashboardConfiguration.isClientRoute("operations/7e18-aa"));
    assertTrue(DashboardConfiguration.isClientRoute("hosts"));
    assertTrue(DashboardConfiguration.isClientRoute("apis-of-mine"));
  }

  @Test
  void serverPathsAndMissingFilesDoNot() {
    assertFalse(DashboardConfiguration.isClientRoute("api/v1/nothing"));
    assertFalse(DashboardConfiguration.isClientRoute("api"));
    assertFalse(DashboardConfiguration.isClientRoute("actuator/health"));
    assertFalse(DashboardConfiguration.isClientRoute("v3/api-docs"));
    assertFalse(DashboardConfiguration.isClientRoute("swagger-ui/index.html"));
    assertFalse(DashboardConfiguration.isClientRoute("swagger-ui.html"));
    assertFalse(DashboardConfiguration.isClientRoute("assets/missing.js"));
    assertFalse(DashboardConfiguration.isClientRoute("favicon.ico"));
  }

  @Test
  void resolverServesFilesAndIndexForRoutes() throws Exception {
    var resolver = new DashboardConfiguration.SpaFallbackResolver();
    Resource location =
        new ByteArrayResource(new byte[0]) {
          @Override
          public Resource createRelative(String relativePath) {
            return new ByteArrayResource(new byte[0]) {
              @Override
              public boolean exists() {
                return relativePath.equals("robots.txt");
              }

              @Override
              public String getDescription() {
                return relativePath;
              }
            };
          }
        };
    assertEquals("robots.txt", resolver.getResource("robots.txt", location).getDescription());
    assertNull(resolver.getResource("api/v1/nothing", location));
    assertNull(resolver.getResource("missing.css", location));
  }
}
