package dev.baton.service.plan;

import dev.baton.service.api.DnsLabel;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.api.Utf8Body;
import dev.baton.service.apps.ComposeInputs;
import dev.baton.service.apps.DeployRequest;
import dev.baton.service.auth.Caller;
import dev.baton.service.spec.ComposeInput;
import dev.baton.service.spec.ComposeParser;
import dev.baton.service.spec.ParsedApp;
import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /apps/{app}/plan}: takes exactly what a deploy takes and answers what it would do,
 * changing nothing (like {@code nomad job plan}). A file a deploy would refuse is the same 422.
 */
@RestController
@RequestMapping("/api/v1/apps/{app}/plan")
@RequiresRole(Caller.Role.DEPLOYER)
public record PlanController(Planner planner, ComposeParser parser) {

  /** The plan for a Compose file on its own; {@code profile} as for a deploy. */
  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
  public Plan plan(
      @PathVariable @DnsLabel String app,
      @RequestBody byte[] yaml,
      @RequestParam(name = "profile", required = false) @Nullable List<String> profiles) {
    return plan(app, new ComposeInput(Utf8Body.decode(yaml), null, null, null, profiles));
  }

  /** The plan for a Compose file with its variables, .env, env files and profiles. */
  @PostMapping(consumes = "application/json")
  public Plan planJson(@PathVariable @DnsLabel String app, @RequestBody @Valid DeployRequest body) {
    return plan(app, ComposeInputs.of(body));
  }

  private Plan plan(String app, ComposeInput input) {
    ParsedApp parsed = GlobalServices.resolve(parser.parse(app, input), planner.readyHosts());
    return planner.plan(app, parsed);
  }
}
