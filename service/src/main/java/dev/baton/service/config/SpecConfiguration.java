package dev.baton.service.config;

import dev.baton.activities.secrets.SecretStore;
import dev.baton.service.secrets.StoredSecretValues;
import dev.baton.service.spec.ComposeParser;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Compose reader the API uses, with the host paths an admin lets apps bind-mount: {@code
 * baton.volumes.bind-prefixes}, a list of absolute paths (YAML list, or comma separated in
 * BATON_VOLUMES_BINDPREFIXES); empty by default, so no file reaches into a host.
 */
@Configuration(proxyBeanMethods = false)
public class SpecConfiguration {

  @Bean
  ComposeParser composeParser(Environment environment, SecretStore store) {
    List<String> prefixes =
        Binder.get(environment)
            .bind("baton.volumes.bind-prefixes", Bindable.listOf(String.class))
            .orElse(List.of());
    return new ComposeParser(prefixes, new StoredSecretValues(store));
  }
}
