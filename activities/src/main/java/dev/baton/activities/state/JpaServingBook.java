package dev.baton.activities.state;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.baton.activities.ServingBook;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@link ServingBook} in {@code instances.serving}. */
@Component
public class JpaServingBook implements ServingBook {

  private static final TypeReference<List<Endpoint>> ENDPOINTS = new TypeReference<>() {};

  private final InstanceRepository instances;

  public JpaServingBook(InstanceRepository instances) {
    this.instances = instances;
  }

  @Override
  public void serve(String app, String service, int revision, int slot, List<Endpoint> endpoints) {
    instances.serve(app, service, revision, slot, StateJson.write(endpoints));
  }

  @Override
  @Transactional
  public Optional<ServiceKey> withdraw(String containerId) {
    Optional<ServiceKey> key =
        instances.servingServiceOf(containerId).stream()
            .findFirst()
            .map(row -> new ServiceKey(row.getApp(), row.getService()));
    key.ifPresent(k -> instances.withdraw(containerId));
    return key;
  }

  @Override
  public List<ServiceKey> served() {
    return instances.servedServices().stream()
        .map(row -> new ServiceKey(row.getApp(), row.getService()))
        .toList();
  }

  @Override
  public List<Endpoint> serving(String app, String service) {
    return instances.servingOf(app, service).stream()
        .flatMap(json -> StateJson.read(json, ENDPOINTS).stream())
        .toList();
  }
}
