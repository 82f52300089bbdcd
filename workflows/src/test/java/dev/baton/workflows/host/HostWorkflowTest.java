package dev.baton.workflows.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.app.AppProgress;
import dev.baton.workflows.app.AppWorkflow;
import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.ports.HostActivities;
import dev.baton.workflows.ports.HostFacts;
import dev.baton.workflows.support.Ports;
import dev.baton.workflows.testing.FakeEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code host:<name>}: join, Unreachable after failed pings (apps told), Ready on return, drain.
 */
class HostWorkflowTest {
  private TestWorkflowEnvironment env;
  private final FakeHosts hosts = new FakeHosts();
  private final FakeEngine engine = new FakeEngine();
  private final AtomicInteger reconcileSignals = new AtomicInteger();

  /** Host activities in memory: a switch for "answers", the statuses it was given, in order. */
  static final class FakeHosts implements HostActivities {
    final AtomicBoolean up = new AtomicBoolean(true);
    final List<String> statuses = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public HostFacts inspectHost(String host) {
      calls.add("inspect");
      if (!up.get()) {
        throw new IllegalStateException(host + " does not answer");
      }
      return new HostFacts("1.41", 2, 4L << 30);
    }

    @Override
    public boolean ping(String host) {
      return up.get();
    }

    @Override
    public void ensureNetwork(String host) {
      calls.add("network");
    }

    @Override
    public List<String> imagesFor(String host) {
      return List.of("web:v1");
    }

    @Override
    public synchronized void setHostStatus(String host, String status) {
      if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
        statuses.add(status);
      }
    }

    @Override
    public List<String> appsOn(String host) {
      return List.of("shop");
    }

    synchronized List<String> statuses() {
      return List.copyOf(statuses);
    }
  }

  /** Stands in for the app's controller: counts reconcileNow signals. */
  public class CountingApp implements AppWorkflow {
    @Override
    public void run(dev.baton.workflows.app.AppState state) {
      io.temporal.workflow.Workflow.await(() -> false);
    }

    @Override
    public OperationAccepted submit(OperationRequest request) {
      return null;
    }

    @Override
    public void validateSubmit(OperationRequest request) {}

    @Override
    public AppProgress progress() {
      return null;
    }

    @Override
    public void reconcileNow() {
      reconcileSignals.incrementAndGet();
    }
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(Ports.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ProvisionHostWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(AppWorkflow.class, CountingApp::new);
    worker.registerActivitiesImplementations(hosts, engine);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private <T> T stub(Class<T> type, String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            type,
            WorkflowOptions.newBuilder().setTaskQueue(Ports.TASK_QUEUE).setWorkflowId(id).build());
  }

  @Test
  void joinsThenGoesUnreachableAndBackAndDrains() {
    WorkflowClient.start(stub(AppWorkflow.class, "app:shop")::run, null);
    ProvisionHostWorkflow host = stub(ProvisionHostWorkflow.class, "host:h2");
    WorkflowClient.start(host::run, HostState.of("h2"));

    env.sleep(Duration.ofSeconds(3));
    assertThat(hosts.statuses()).containsExactly("READY");
    assertThat(hosts.calls).containsExactly("inspect", "network");
    assertThat(engine.calls("pull")).extracting(FakeEngine.Call::image).containsExactly("web:v1");

    hosts.up.set(false);
    env.sleep(Duration.ofSeconds(12));
    assertThat(hosts.statuses()).containsExactly("READY", "UNREACHABLE");
    assertThat(reconcileSignals.get()).as("apps told to replace what ran there").isPositive();

    hosts.up.set(true);
    env.sleep(Duration.ofSeconds(6));
    assertThat(hosts.statuses()).containsExactly("READY", "UNREACHABLE", "READY");

    int before = reconcileSignals.get();
    host.drain();
    env.sleep(Duration.ofSeconds(1));
    assertThat(hosts.statuses()).endsWith("DRAINING");
    assertThat(reconcileSignals.get()).isGreaterThan(before);
    assertThat(host.status()).isEqualTo("DRAINING");

    host.activate();
    env.sleep(Duration.ofSeconds(1));
    assertThat(host.status()).isEqualTo("READY");
  }
}
