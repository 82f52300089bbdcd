package dev.baton.service.config;

import dev.baton.activities.state.HostRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Registers the Docker hosts named in {@code baton.hosts} when Baton starts. */
@Component
public class HostBootstrap {
  private static final Logger log = LoggerFactory.getLogger(HostBootstrap.class);
  private final BatonProperties properties;
  private final HostRegistry registry;

  public HostBootstrap(BatonProperties properties, HostRegistry registry) {
    this.properties = properties;
    this.registry = registry;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void registerConfiguredHosts() {
    properties
        .hostEndpoints()
        .forEach(
            (name, endpoint) -> {
              registry.register(name, endpoint, Map.of());
              log.info("registered host {} at {}", name, endpoint);
            });
  }
}
