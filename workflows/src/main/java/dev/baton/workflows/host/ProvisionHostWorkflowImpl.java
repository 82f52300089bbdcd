package dev.baton.workflows.host;

import dev.baton.workflows.app.AppWorkflow;
import dev.baton.workflows.ports.HostActivities;
import dev.baton.workflows.ports.HostFacts;
import dev.baton.workflows.support.Ports;
import dev.baton.workflows.support.WorkflowIds;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Joins a host, then checks it every {@code checkMillis}: two failed pings in a row make it
 * UNREACHABLE (and its apps reconcile at once, replacing what ran there); a ping that answers makes
 * it READY again. The apps' self-healing does the moving; this workflow only changes the host's
 * status and tells the apps.
 */
public class ProvisionHostWorkflowImpl implements ProvisionHostWorkflow {
  private static final Logger log = Workflow.getLogger(ProvisionHostWorkflowImpl.class);
  static final int CHECKS_PER_RUN = 500;
  static final int FAILED_PINGS = 2;

  // One quick try: a host that does not answer is the answer.
  private final HostActivities quick =
      Ports.fewTries(HostActivities.class, Duration.ofSeconds(15), 1);
  private final HostActivities hosts =
      Ports.fewTries(HostActivities.class, Duration.ofSeconds(30), 5, "Refused");
  private final Ports ports = new Ports();
  private String status;
  private boolean drainRequested;
  private boolean decommissionRequested;
  private boolean activateRequested;

  @Override
  public void run(HostState state) {
    String host = state.host();
    status = state.status();
    boolean provisioned = state.provisioned();
    long period = state.checkMillis() > 0 ? state.checkMillis() : HostState.DEFAULT_CHECK_MILLIS;
    int failures = 0;
    for (int checks = 0; ; checks++) {
      if (decommissionRequested) {
        hosts.setHostStatus(host, "REMOVED");
        return;
      }
      if (activateRequested) {
        activateRequested = false;
        drainRequested = false;
        setStatus(host, "READY");
      }
      if (drainRequested && !"DRAINING".equals(status)) {
        setStatus(host, "DRAINING");
        tellApps(host);
      }
      if (!provisioned) {
        provisioned = provision(host);
        failures = provisioned ? 0 : failures + 1;
      } else if (pingOk(host)) {
        failures = 0;
        if ("UNREACHABLE".equals(status)) {
          setStatus(host, "READY");
        }
      } else if (++failures >= FAILED_PINGS && !"UNREACHABLE".equals(status)) {
        if (!"DRAINING".equals(status)) {
          setStatus(host, "UNREACHABLE");
        }
        // Its instances are lost: their apps replace them on other hosts now.
        tellApps(host);
      }
      if ("DRAINING".equals(status) && checks % 6 == 0) {
        tellApps(host); // again now and then, in case an app was busy with an operation
      }
      if (checks >= CHECKS_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(new HostState(host, provisioned, status, state.checkMillis()));
        return;
      }
      Workflow.await(
          Duration.ofMillis(period),
          () -> decommissionRequested || activateRequested || needsDrain());
    }
  }

  private boolean needsDrain() {
    return drainRequested && !"DRAINING".equals(status);
  }

  /** Returns false while the engine cannot be reached; a refused endpoint fails the workflow. */
  private boolean provision(String host) {
    HostFacts facts;
    try {
      facts = hosts.inspectHost(host);
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof ApplicationFailure af && "Refused".equals(af.getType())) {
        setStatus(host, "UNREACHABLE");
        throw ApplicationFailure.newNonRetryableFailure(af.getOriginalMessage(), "Refused");
      }
      if (!"UNREACHABLE".equals(status) && !"DRAINING".equals(status)) {
        setStatus(host, "UNREACHABLE");
      }
      return false;
    }
    log.info(
        "host {}: API {}, {} cpus, {} bytes",
        host,
        facts.apiVersion(),
        facts.cpus(),
        facts.memoryBytes());
    hosts.ensureNetwork(host);
    for (String image : hosts.imagesFor(host)) {
      try {
        ports.dockerPull().pull(host, image);
      } catch (ActivityFailure e) {
        log.warn("host {}: pre-pull of {} failed: {}", host, image, e.getMessage());
      }
    }
    if (!"DRAINING".equals(status)) {
      setStatus(host, "READY");
    }
    return true;
  }

  private boolean pingOk(String host) {
    try {
      return quick.ping(host);
    } catch (ActivityFailure e) {
      return false;
    }
  }

  private void setStatus(String host, String next) {
    hosts.setHostStatus(host, next);
    status = next;
  }

  private void tellApps(String host) {
    for (String app : hosts.appsOn(host)) {
      try {
        Workflow.newExternalWorkflowStub(AppWorkflow.class, WorkflowIds.app(app)).reconcileNow();
      } catch (RuntimeException e) {
        log.warn("host {}: could not tell app {}: {}", host, app, e.getMessage());
      }
    }
  }

  @Override
  public void drain() {
    drainRequested = true;
  }

  @Override
  public void activate() {
    activateRequested = true;
  }

  @Override
  public void decommission() {
    decommissionRequested = true;
  }

  @Override
  public String status() {
    return status;
  }
}
