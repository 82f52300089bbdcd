package dev.baton.service.config;

import dev.baton.activities.state.HostRegistry;
import dev.baton.activities.state.HostStatus;
import dev.baton.service.control.FleetOperations;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the Docker hosts named in {@code baton.hosts} when Baton starts, and starts the
 * workflow ({@code host:<name>}) of each.
 */
@Component
public class HostBootstrap {
  private static final Logger log = LoggerFactory.getLogger(HostBootstrap.class);
  private final BatonProperties properties;
  private final HostRegistry registry;
  private final FleetOperations operations;

  public HostBootstrap(
      BatonProperties properties, HostRegistry registry, FleetOperations operations) {
    this.properties = properties;
    this.registry = registry;
    this.operations = operations;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void registerConfiguredHosts() {
    properties
        .configuredHosts()
        .forEach(
            (name, host) -> {
              registry.register(name, host.endpoint(), host.address(), Map.of(), HostStatus.READY);
              // The host's workflow joins it (capacity, network, images) and watches it.
              operations.startHost(name);
              log.info("registered host {} at {}", name, host);
            });
  }
}
