package dev.baton.service.config;

import dev.baton.activities.state.StateConfiguration;
import dev.baton.service.BatonApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The API reads state through Spring Data repositories of its own (projections of the activities'
 * entities) and keeps the audit table as an entity; the activities' own repositories are enabled by
 * {@link StateConfiguration}.
 */
@Configuration
@EntityScan(basePackageClasses = {BatonApplication.class, StateConfiguration.class})
@EnableJpaRepositories(basePackageClasses = BatonApplication.class)
public class ReadModelConfiguration {}
