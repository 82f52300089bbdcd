package dev.baton.service.api;

import dev.baton.activities.HostDirectory;
import dev.baton.activities.docker.DockerClients;
import dev.baton.service.config.BatonProperties;
import dev.baton.service.config.IdempotencyStore;
import dev.baton.service.config.OpenApiConfiguration;
import dev.baton.service.config.SpecConfiguration;
import dev.baton.service.operations.OperationWatch;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mockito.Mockito;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The web layer alone (controllers, filters, error handling, OpenAPI) for {@code @WebMvcTest}: no
 * database, no Temporal. Collaborators that talk to them are mocked in the tests; the idempotency
 * store is an in-memory fake so replays can be checked for real.
 */
@SpringBootConfiguration
@ComponentScan(
    basePackages = "dev.baton.service",
    excludeFilters =
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@EnableConfigurationProperties(BatonProperties.class)
@Import({Links.class, OperationWatch.class, OpenApiConfiguration.class, SpecConfiguration.class})
@ImportAutoConfiguration({
  SpringDocConfiguration.class,
  SpringDocConfigProperties.class,
  SpringDocWebMvcConfiguration.class
})
class WebLayerTestApp {

  /** Real, for its TLS default ("": hosts speak plain TCP); it never reaches an engine here. */
  @Bean
  DockerClients dockerClients() {
    return new DockerClients(Mockito.mock(HostDirectory.class));
  }

  @Bean
  IdempotencyStore idempotencyStore() {
    return new InMemoryIdempotencyStore();
  }

  /** idempotency_keys in a map, with the same first-writer-wins rule as the primary key. */
  static final class InMemoryIdempotencyStore extends IdempotencyStore {
    private final Map<String, Stored> rows = new ConcurrentHashMap<>();

    InMemoryIdempotencyStore() {
      super(null);
    }

    @Override
    public Optional<Stored> find(String caller, String path, String key) {
      return Optional.ofNullable(rows.get(caller + " " + path + " " + key));
    }

    @Override
    public boolean save(String caller, String path, String key, Stored answer) {
      return rows.putIfAbsent(caller + " " + path + " " + key, answer) == null;
    }
  }
}
