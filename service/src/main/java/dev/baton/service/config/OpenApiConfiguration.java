package dev.baton.service.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: its header (title, version, bearer-token auth on every operation), record
 * schemas with their required and nullable fields, and the problem+json errors of each operation.
 */
@Configuration
public class OpenApiConfiguration {

  @Bean
  OpenAPI batonOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Baton API")
                .version("v1")
                .description(
                    "Deployments of Compose apps on Docker hosts. Errors are"
                        + " application/problem+json; see docs/api.md."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        // Relative server: the document is the same wherever Baton runs (and in the build).
        .servers(List.of(new Server().url("/")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  RecordSchemas recordSchemas() {
    return new RecordSchemas();
  }

  @Bean
  ApiErrorResponses apiErrorResponses() {
    return new ApiErrorResponses();
  }
}
