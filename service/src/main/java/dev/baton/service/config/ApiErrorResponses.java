package dev.baton.service.config;

import dev.baton.service.api.RoleInterceptor;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * Every error Baton answers is application/problem+json (RFC 9457) with an {@code errors} list
 * naming each bad field; the document says which ones each operation can answer.
 */
public class ApiErrorResponses implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {
  private static final String PROBLEM_REF = "#/components/schemas/Problem";

  @Override
  public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
    Schema<?> fieldError =
        new ObjectSchema()
            .addProperty("path", new StringSchema().description("the field, key or parameter"))
            .addProperty("line", new IntegerSchema().description("the line in a Compose file"))
            .addProperty("message", new StringSchema())
            .required(List.of("path", "message"));
    openApi
        .getComponents()
        .addSchemas(
            "Problem",
            new ObjectSchema()
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("title", "status", "detail")));
    // Compose bodies are read as bytes (to refuse bad UTF-8, Utf8Body) but are text, not base64.
    openApi.getPaths().values().stream()
        .flatMap(path -> path.readOperations().stream())
        .filter(op -> op.getRequestBody() != null && op.getRequestBody().getContent() != null)
        .flatMap(op -> op.getRequestBody().getContent().entrySet().stream())
        .filter(body -> body.getKey().contains("yaml") && body.getValue().getSchema() != null)
        .forEach(body -> body.getValue().getSchema().setFormat(null));
  }

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    ApiResponses responses = operation.getResponses();
    boolean restricted = RoleInterceptor.required(handler) != null;
    boolean write =
        handler.hasMethodAnnotation(PostMapping.class)
            || handler.hasMethodAnnotation(DeleteMapping.class);
    boolean hasBody = bodyOf(handler);
    if (handler.getMethodParameters().length > 0) {
      add(responses, "400", "A parameter or field is invalid; errors names it");
    }
    add(responses, "401", "No bearer token, or an unknown or revoked one");
    if (restricted) {
      add(responses, "403", "The token's role may not do this");
    }
    if (operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()))) {
      add(responses, "404", "No such resource");
    }
    if (write) {
      add(responses, "409", "Conflicts with the resource's state, or an Idempotency-Key reused");
    }
    if (hasBody) {
      add(responses, "413", "The body is over 256 KiB");
      add(responses, "415", "The body's content type is not one this operation reads");
    }
    if (handler.getBeanType().getPackageName().endsWith(".apps") && write) {
      add(responses, "422", "The Compose file or the change cannot be deployed; errors names why");
    }
    return operation;
  }

  private static boolean bodyOf(HandlerMethod handler) {
    for (var parameter : handler.getMethodParameters()) {
      if (parameter.hasParameterAnnotation(RequestBody.class)) {
        return true;
      }
    }
    return false;
  }

  private static void add(ApiResponses responses, String status, String description) {
    responses.putIfAbsent(
        status,
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        "application/problem+json",
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)))));
  }
}
