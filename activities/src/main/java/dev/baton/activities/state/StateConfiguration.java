package dev.baton.activities.state;

import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Everything the state adapters need from Spring, in one import: the entities, the repositories and
 * the components ({@link JpaStateActivities}, {@link JpaHostDirectory}, {@link HostRegistry}).
 *
 * <p>The app needs a {@code DataSource} and JPA (spring-boot-starter-data-jpa), and the Flyway
 * migrations from {@code db/migrations} on the classpath as {@code db/migration}. Note that
 * {@code @EnableJpaRepositories} here switches off Spring Boot's default repository scanning: an
 * app with repositories of its own must enable them explicitly as well ({@code @EntityScan}
 * packages, by contrast, add up).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = StateConfiguration.class)
@EntityScan(basePackageClasses = StateConfiguration.class)
@EnableJpaRepositories(basePackageClasses = StateConfiguration.class)
public class StateConfiguration {}
