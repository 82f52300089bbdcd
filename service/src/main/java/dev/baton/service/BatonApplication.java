package dev.baton.service;

import dev.baton.activities.state.StateConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Baton: the REST API, the Temporal worker that runs Baton's workflows, and Flyway. */
@SpringBootApplication(scanBasePackages = "dev.baton")
@ConfigurationPropertiesScan
@Import(StateConfiguration.class)
public class BatonApplication {

  public static void main(String[] args) {
    SpringApplication.run(BatonApplication.class, args);
  }
}
