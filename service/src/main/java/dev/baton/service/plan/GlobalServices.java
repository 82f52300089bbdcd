package dev.baton.service.plan;

import dev.baton.service.spec.ComposeParser;
import dev.baton.service.spec.ParsedApp;
import dev.baton.service.spec.SpecError;
import dev.baton.workflows.instance.Scheduler;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deploy.mode: global}: a global service gets one replica per ready host that meets its
 * constraints, counted when the deploy is accepted (spread placement then puts one on each). A host
 * that joins later gets its instance at the next deploy; Swarm adds it at once.
 */
public final class GlobalServices {

  private GlobalServices() {}

  /** The app with each global service's replicas set to its eligible hosts; others as they were. */
  public static ParsedApp resolve(ParsedApp parsed, List<Host> readyHosts) {
    AppSpec spec = parsed.spec();
    if (spec.services().stream().noneMatch(ServiceSpec::global)) {
      return parsed;
    }
    List<SpecError> warnings = new ArrayList<>(parsed.warnings());
    List<ServiceSpec> services = new ArrayList<>();
    for (ServiceSpec s : spec.services()) {
      if (!s.global()) {
        services.add(s);
        continue;
      }
      int hosts = (int) readyHosts.stream().filter(h -> Scheduler.eligible(h, s)).count();
      if (hosts == 0) {
        String path = "services." + s.name() + ".deploy.mode";
        warnings.add(
            new SpecError(
                path,
                null,
                path + ": global, but no ready host meets its constraints: 0 instances"));
      }
      services.add(s.withReplicas(hosts));
    }
    AppSpec resolved =
        new AppSpec(spec.app(), services, spec.progressDeadlineMillis(), spec.placement());
    String json = ComposeParser.canonicalJson(resolved);
    return new ParsedApp(
        resolved,
        json,
        ComposeParser.digest(json),
        List.copyOf(warnings),
        parsed.resolved(),
        parsed.secrets());
  }
}
