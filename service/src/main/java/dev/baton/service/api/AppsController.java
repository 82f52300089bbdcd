package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import dev.baton.service.spec.ComposeParser;
import dev.baton.service.spec.ParsedApp;
import dev.baton.workflows.app.OperationAccepted;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Apps: list, inspect, and deploy a Compose file. */
@RestController
@RequestMapping("/api/v1/apps")
public class AppsController {
  private final ComposeParser parser = new ComposeParser();
  private final AppOperations operations;
  private final StateReader state;
  private final Links links;

  public AppsController(AppOperations operations, StateReader state, Links links) {
    this.operations = operations;
    this.state = state;
    this.links = links;
  }

  @GetMapping
  public List<Map<String, Object>> list() {
    return state.apps();
  }

  @GetMapping("/{app}")
  public Map<String, Object> get(@PathVariable String app) {
    Names.requireDnsLabel("app", app);
    Map<String, Object> body =
        new LinkedHashMap<>(state.app(app).orElseThrow(() -> ApiException.notFound("app " + app)));
    body.put("instances", state.instances(app));
    body.put("operations", state.operations(app, 10));
    return body;
  }

  /** The JSON form of a deploy: the latest revision's Compose file with new images. */
  public record ImageDeploy(Map<String, String> images, String reason) {}

  /**
   * Deploys a Compose file as the app's next revision. Answers 202 at once with the operation; the
   * rollout runs in Temporal. A bad spec is 422 naming each key, and nothing is stored.
   */
  @PostMapping(
      path = "/{app}/deployments",
      consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
  public ResponseEntity<Map<String, Object>> deploy(
      @PathVariable String app,
      @RequestBody String yaml,
      @RequestParam(required = false) String reason,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) {
    Caller caller = Callers.require(request, Caller.Role.DEPLOYER);
    Names.requireDnsLabel("app", app);
    return submit(app, yaml, caller, reason, idempotencyKey);
  }

  /**
   * Deploys new images: the app's latest Compose file with {@code images.<service>} replaced, the
   * rest unchanged. A service the spec does not have is 422 naming {@code images.<service>}.
   */
  @PostMapping(path = "/{app}/deployments", consumes = "application/json")
  public ResponseEntity<Map<String, Object>> deployImages(
      @PathVariable String app,
      @RequestBody ImageDeploy body,
      @RequestParam(name = "reason", required = false) String reasonParam,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) {
    Caller caller = Callers.require(request, Caller.Role.DEPLOYER);
    Names.requireDnsLabel("app", app);
    if (body.images() == null || body.images().isEmpty()) {
      throw ApiException.badField("images", "required: service name to image reference");
    }
    body.images()
        .forEach(
            (service, image) -> {
              Names.requireDnsLabel("images." + service, service);
              if (image == null
                  || image.isBlank()
                  || image.chars().anyMatch(Character::isWhitespace)) {
                throw ApiException.badField("images." + service, "an image reference is required");
              }
            });
    String current =
        state
            .latestYaml(app)
            .orElseThrow(
                () -> ApiException.notFound("app " + app + " (deploy a Compose file first)"));
    String yaml = ImageSwap.apply(current, body.images());
    String reason = body.reason() != null ? body.reason() : reasonParam;
    return submit(app, yaml, caller, reason, idempotencyKey);
  }

  private ResponseEntity<Map<String, Object>> submit(
      String app, String yaml, Caller caller, String reason, String idempotencyKey) {
    ParsedApp parsed = parser.parse(app, yaml);
    // Scoped by caller: two CI jobs that happen to pick the same key never share an operation.
    String updateId = idempotencyKey == null ? null : caller.name() + "/" + idempotencyKey;
    OperationAccepted accepted =
        operations.deploy(parsed.spec(), yaml, parsed.digest(), caller.name(), reason, updateId);
    return OperationBodies.accepted(accepted, app, links);
  }
}
