package dev.baton.service.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the dashboard (module baton-ui, classpath {@code static/}) at {@code /}. Its hashed assets
 * are cached for a year; any other path that is not a file and not the API, Actuator or OpenAPI
 * answers {@code index.html}, so a deep link like {@code /apps/shop} opens the app page.
 */
@Configuration
public class DashboardConfiguration implements WebMvcConfigurer {
  static final String LOCATION = "classpath:/static/";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/assets/**")
        .addResourceLocations(LOCATION + "assets/")
        .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable());
    registry
        .addResourceHandler("/**")
        .addResourceLocations(LOCATION)
        .setCacheControl(CacheControl.noCache())
        .resourceChain(true)
        .addResolver(new SpaFallbackResolver());
  }

  /** A real file when there is one; index.html for a client-side route; nothing otherwise. */
  static class SpaFallbackResolver extends PathResourceResolver {
    @Override
    protected Resource getResource(String resourcePath, Resource location) throws IOException {
      Resource resource = location.createRelative(resourcePath);
      if (!resourcePath.isEmpty() && resource.exists() && resource.isReadable()) {
        return resource;
      }
      if (!isClientRoute(resourcePath)) {
        return null;
      }
      Resource index = new ClassPathResource("static/index.html");
      return index.exists() ? index : null;
    }
  }

  /**
   * Paths the dashboard's router owns: not the API, Actuator, OpenAPI or Swagger UI, and not a
   * missing file (a name with an extension stays a 404 instead of answering HTML).
   */
  static boolean isClientRoute(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    for (String reserved : new String[] {"api", "actuator", "v3", "swagger-ui", "assets"}) {
      if (p.equals(reserved) || p.startsWith(reserved + "/")) {
        return false;
      }
    }
    if (p.startsWith("swagger-ui")) {
      return false;
    }
    String last = p.substring(p.lastIndexOf('/') + 1);
    return !last.contains(".");
  }
}
