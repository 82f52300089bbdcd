package dev.baton.service.apps;

import dev.baton.activities.secrets.SecretStore;
import dev.baton.service.api.Accepted;
import dev.baton.service.api.ApiException;
import dev.baton.service.api.Callers;
import dev.baton.service.api.DnsLabel;
import dev.baton.service.api.Links;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.api.Utf8Body;
import dev.baton.service.auth.Caller;
import dev.baton.service.balancers.BalancerReadRepository;
import dev.baton.service.control.AppOperations;
import dev.baton.service.operations.OperationReadRepository;
import dev.baton.service.operations.OperationView;
import dev.baton.service.plan.GlobalServices;
import dev.baton.service.plan.Planner;
import dev.baton.service.spec.ComposeInput;
import dev.baton.service.spec.ComposeParser;
import dev.baton.service.spec.ParsedApp;
import dev.baton.workflows.app.OperationAccepted;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Apps: list, inspect, and deploy a Compose file or new images. */
@RestController
@RequestMapping("/api/v1/apps")
public record AppsController(
    AppOperations operations,
    AppReadRepository apps,
    BalancerReadRepository balancers,
    OperationReadRepository recent,
    Planner planner,
    RevisionWarnings warnings,
    Links links,
    ComposeParser parser,
    SecretStore secrets) {

  @GetMapping
  public List<AppSummary> list() {
    return apps.summaries();
  }

  @GetMapping("/{app}")
  public AppDetail get(@PathVariable @DnsLabel String app) {
    if (!apps.existsByNameAndDeletedAtIsNull(app)) {
      throw ApiException.notFound("app " + app);
    }
    AppHeader header = apps.header(app).orElseThrow(() -> ApiException.notFound("app " + app));
    return new AppDetail(
        header,
        apps.instances(app),
        balancers.ofApp(app),
        recent.newest(app, null, Limit.of(10)).stream()
            .map(row -> OperationView.of(row, null, links))
            .toList());
  }

  /**
   * Deploys a Compose file as the app's next revision. Answers 202 at once with the operation (and
   * the warnings of the file); the rollout runs in Temporal. A bad spec is 422 naming each key and
   * line, and nothing is stored. {@code profile} enables services of that profile (repeatable).
   */
  @RequiresRole(Caller.Role.DEPLOYER)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping(
      path = "/{app}/deployments",
      consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
  public ResponseEntity<Accepted> deploy(
      @PathVariable @DnsLabel String app,
      @RequestBody byte[] yaml,
      @RequestParam(name = "profile", required = false) @Nullable List<String> profiles,
      @RequestParam(required = false) @Nullable String reason,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      HttpServletRequest request) {
    return submit(
        app,
        new ComposeInput(Utf8Body.decode(yaml), null, null, null, profiles),
        Callers.of(request),
        reason,
        idempotencyKey);
  }

  /**
   * Deploys a Compose file with its variables, .env, env files and profiles ({@code compose}), or
   * new images for the latest file ({@code images}: a service the spec does not have is 422 naming
   * {@code images.<service>}).
   */
  @RequiresRole(Caller.Role.DEPLOYER)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping(path = "/{app}/deployments", consumes = "application/json")
  public ResponseEntity<Accepted> deployJson(
      @PathVariable @DnsLabel String app,
      @RequestBody @Valid DeployRequest body,
      @RequestParam(name = "reason", required = false) @Nullable String reasonParam,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      HttpServletRequest request) {
    String reason = body.reason() != null ? body.reason() : reasonParam;
    ComposeInput input;
    if (body.images() != null) {
      if (body.compose() != null) {
        throw ApiException.badField("images", "give either compose or images, not both");
      }
      String current =
          apps.latestYaml(app)
              .orElseThrow(
                  () -> ApiException.notFound("app " + app + " (deploy a Compose file first)"));
      input = ComposeInput.of(ImageSwap.apply(current, body.images()));
    } else {
      input = ComposeInputs.of(body);
    }
    return submit(app, input, Callers.of(request), reason, idempotencyKey);
  }

  private ResponseEntity<Accepted> submit(
      String app,
      ComposeInput input,
      Caller caller,
      @Nullable String reason,
      @Nullable String key) {
    ParsedApp parsed = GlobalServices.resolve(parser.parse(app, input), planner.readyHosts());
    PublishedPortConflicts.check(parsed.spec(), apps.publishedTcpPortsOfOtherApps(app));
    // Stored before the rollout can need them; the spec carries only their digests.
    parsed.secrets().forEach(v -> secrets.put(v.scope(), v.kind(), v.name(), v.value()));
    // Scoped by caller: two CI jobs that happen to pick the same key never share an operation.
    String updateId = key == null ? null : caller.name() + "/" + key;
    OperationAccepted accepted =
        operations.deploy(
            parsed.spec(), parsed.resolved(), parsed.digest(), caller.name(), reason, updateId);
    warnings.save(app, accepted.revision(), parsed.warnings());
    return Accepted.answer(accepted, links, parsed.warnings());
  }
}
