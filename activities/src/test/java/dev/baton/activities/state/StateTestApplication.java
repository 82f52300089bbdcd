package dev.baton.activities.state;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The smallest Spring Boot app that wires the state adapters the way the service does. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(StateConfiguration.class)
class StateTestApplication {}
