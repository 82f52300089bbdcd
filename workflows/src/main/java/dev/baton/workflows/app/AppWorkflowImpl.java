package dev.baton.workflows.app;

import dev.baton.workflows.app.AppState.QueuedOperation;
import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.deploy.DeployResult;
import dev.baton.workflows.deploy.DeployWorkflow;
import dev.baton.workflows.heal.AppEvents;
import dev.baton.workflows.heal.Reconciler;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.rollback.RollbackWorkflow;
import dev.baton.workflows.scale.ScaleRequest;
import dev.baton.workflows.scale.ScaleWorkflow;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs one app's operations strictly one at a time, in the order they were accepted, and between
 * operations keeps what runs equal to the current revision (self-healing, every {@code
 * reconcileMillis} or at once on {@link #reconcileNow}).
 */
public class AppWorkflowImpl implements AppWorkflow {
  /** Change id of scale/rollback/delete and self-healing: older runs replay without them. */
  static final String FLEET_CHANGE = "fleet";

  /** Continue-as-new after this many reconcile passes, so an idle app's history stays small. */
  static final int RECONCILES_PER_RUN = 300;

  private final String app;
  private final int operationsPerRun;
  private final Ports ports = new Ports();
  private final Deque<QueuedOperation> queue = new ArrayDeque<>();
  private final Set<String> persisted = new HashSet<>();
  private final long reconcileMillis;
  private final AppEvents events;
  private final Reconciler reconciler;
  private int lastRevision;
  private Revision current;
  private int instanceRevision;
  private String running;
  // The operation being executed: its revision is the latest until it ends, even after its status
  // reads SUCCEEDED (a client may ask for the next operation before the child returns).
  private QueuedOperation runningOp;
  private int operationsThisRun;
  private int reconcilesThisRun;
  private boolean reconcileRequested;
  private int fleetVersion = -2;

  @WorkflowInit
  public AppWorkflowImpl(AppState state) {
    this.app = state.app();
    this.lastRevision = state.lastRevision();
    this.current = state.current();
    this.operationsPerRun =
        state.operationsPerRun() > 0
            ? state.operationsPerRun()
            : AppState.DEFAULT_OPERATIONS_PER_RUN;
    for (QueuedOperation op : state.queue()) {
      queue.add(op);
      persisted.add(op.operationId());
    }
    this.instanceRevision = state.instanceRevision();
    this.reconcileMillis =
        state.reconcileMillis() > 0 ? state.reconcileMillis() : AppState.DEFAULT_RECONCILE_MILLIS;
    this.events = new AppEvents(ports.state(), app, state.eventSeq());
    this.reconciler = new Reconciler(app, ports, events);
  }

  private boolean fleet() {
    if (fleetVersion == -2) {
      fleetVersion = Workflow.getVersion(FLEET_CHANGE, Workflow.DEFAULT_VERSION, 1);
    }
    return fleetVersion == 1;
  }

  @Override
  public void run(AppState state) {
    while (true) {
      if (fleet()) {
        Workflow.await(
            Duration.ofMillis(reconcileMillis),
            () -> nextReady() || reconcileRequested || dueForNewRun());
        if (!nextReady() && !dueForNewRun()) {
          reconcileRequested = false;
          heal();
          continue;
        }
      } else {
        Workflow.await(() -> nextReady() || dueForNewRun());
      }
      if (dueForNewRun()) {
        // Handlers may be mid-flight (persisting a new operation): let them finish first.
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(
            new AppState(
                app,
                lastRevision,
                current,
                List.copyOf(queue),
                operationsPerRun,
                instanceRevision,
                events.lastSeq(),
                reconcileMillis));
        return;
      }
      QueuedOperation op = queue.poll();
      running = op.operationId();
      runningOp = op;
      execute(op);
      running = null;
      runningOp = null;
      operationsThisRun++;
    }
  }

  private boolean nextReady() {
    return !queue.isEmpty() && persisted.contains(queue.peek().operationId());
  }

  private boolean dueForNewRun() {
    return running == null
        && (operationsThisRun >= operationsPerRun
            || reconcilesThisRun >= RECONCILES_PER_RUN
            || Workflow.getInfo().isContinueAsNewSuggested());
  }

  /** One self-healing pass against the current revision; a failed pass is retried next period. */
  private void heal() {
    reconcilesThisRun++;
    if (current == null) {
      return;
    }
    try {
      reconciler.reconcile(current.spec(), namesRevision());
    } catch (ActivityFailure e) {
      // Docker or the database did not answer: the next pass tries again.
    }
  }

  /** The revision number in the running containers' names (a scale does not rename them). */
  private int namesRevision() {
    return instanceRevision > 0 ? instanceRevision : current.number();
  }

  @Override
  public void reconcileNow() {
    reconcileRequested = true;
  }

  private void execute(QueuedOperation op) {
    switch (op.request().kind()) {
      case SCALE -> executeScale(op);
      case ROLLBACK -> executeRollback(op);
      case DELETE -> executeDelete(op);
      default -> executeDeploy(op);
    }
  }

  private void executeDeploy(QueuedOperation op) {
    Revision target = op.request().revision();
    String workflowId = DeployWorkflow.workflowId(app, target.number());
    DeployWorkflow child =
        Workflow.newChildWorkflowStub(
            DeployWorkflow.class, childOptions(op, workflowId, "deploy", summary(target)));
    try {
      DeployResult result =
          child.deploy(
              new DeployRequest(
                  op.operationId(), app, target, previous(), op.request().requestedBy()));
      if (result.runningRevision() == target.number()) {
        current = target;
        instanceRevision = fleet() ? target.number() : instanceRevision;
      }
      outcome(target, result.status());
    } catch (ChildWorkflowFailure e) {
      failed(op, workflowId, e);
    }
  }

  private void executeScale(QueuedOperation op) {
    Revision target = op.request().revision();
    String workflowId = op.workflowId();
    ScaleWorkflow child =
        Workflow.newChildWorkflowStub(
            ScaleWorkflow.class,
            childOptions(op, workflowId, "scale", "scale " + app + " to " + replicasOf(target)));
    try {
      DeployResult result =
          child.scale(
              new ScaleRequest(
                  op.operationId(),
                  app,
                  target,
                  current,
                  namesRevision(),
                  op.request().requestedBy()));
      if (result.runningRevision() == target.number()) {
        current = target;
      }
      outcome(target, result.status());
    } catch (ChildWorkflowFailure e) {
      failed(op, workflowId, e);
    }
  }

  private void executeRollback(QueuedOperation op) {
    Revision target = op.request().revision();
    String workflowId = op.workflowId();
    RollbackWorkflow child =
        Workflow.newChildWorkflowStub(
            RollbackWorkflow.class,
            childOptions(
                op, workflowId, "rollback", "rollback of " + app + ": " + op.request().reason()));
    try {
      DeployResult result =
          child.rollback(
              new DeployRequest(
                  op.operationId(), app, target, previous(), op.request().requestedBy()));
      if (result.runningRevision() == target.number()) {
        current = target;
        instanceRevision = target.number();
      }
      outcome(target, result.status());
    } catch (ChildWorkflowFailure e) {
      failed(op, workflowId, e);
    }
  }

  private void executeDelete(QueuedOperation op) {
    String workflowId = op.workflowId();
    DeleteAppWorkflow child =
        Workflow.newChildWorkflowStub(
            DeleteAppWorkflow.class, childOptions(op, workflowId, "delete", "delete " + app));
    try {
      child.delete(
          op.operationId(), app, op.request().revision().number(), op.request().requestedBy());
      current = null;
      instanceRevision = 0;
    } catch (ChildWorkflowFailure e) {
      failed(op, workflowId, e);
    }
  }

  /** What a rollout starts from: the current spec, under the name its containers carry. */
  private Revision previous() {
    if (current == null || !fleet() || namesRevision() == current.number()) {
      return current;
    }
    return new Revision(namesRevision(), current.spec(), current.digest(), current.yaml());
  }

  private void outcome(Revision target, OperationStatus status) {
    if (fleet()) {
      ports.state().setRevisionOutcome(app, target.number(), status.name());
    }
  }

  private void failed(QueuedOperation op, String workflowId, ChildWorkflowFailure e) {
    ports
        .state()
        .saveOperation(
            record(op, workflowId, OperationStatus.FAILED, "rollout crashed: " + e.getMessage()));
    if (fleet() && op.request().kind() != OperationKind.DELETE) {
      ports.state().setRevisionOutcome(app, op.request().revision().number(), "FAILED");
    }
  }

  private ChildWorkflowOptions childOptions(
      QueuedOperation op, String workflowId, String kind, String summary) {
    Revision target = op.request().revision();
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTypedSearchAttributes(
            BatonSearchAttributes.of(app, kind, target.number(), OperationStatus.RUNNING))
        .setStaticSummary(summary)
        .setStaticDetails(
            "requested by "
                + op.request().requestedBy()
                + (op.request().reason() == null ? "" : ": " + op.request().reason()))
        .build();
  }

  private static String summary(Revision target) {
    String images =
        target.spec().services().stream()
            .map(s -> s.name() + "=" + s.image())
            .collect(Collectors.joining(", "));
    return "deploy " + target.spec().app() + " r" + target.number() + ": " + images;
  }

  private static String replicasOf(Revision target) {
    return target.spec().services().stream()
        .map(s -> s.name() + "=" + s.replicas())
        .collect(Collectors.joining(", "));
  }

  @Override
  public OperationAccepted submit(OperationRequest request) {
    return switch (request.kind()) {
      case SCALE -> submitScale(request);
      case ROLLBACK -> submitRollback(request);
      case DELETE -> submitDelete(request);
      default -> submitDeploy(request);
    };
  }

  private OperationAccepted submitDeploy(OperationRequest request) {
    int number = ++lastRevision;
    String operationId = Workflow.randomUUID().toString();
    Revision given = request.revision();
    Revision revision = new Revision(number, given.spec(), given.digest(), given.yaml());
    QueuedOperation op =
        new QueuedOperation(
            operationId,
            new OperationRequest(
                request.kind(), revision, request.requestedBy(), request.reason()));
    boolean waits = running != null || !queue.isEmpty();
    // Queued before persisting, so operations run in the order their revisions were numbered.
    queue.add(op);
    String workflowId = DeployWorkflow.workflowId(app, number);
    ports.state().saveRevision(app, revision, request.requestedBy(), request.reason());
    ports.state().saveOperation(record(op, workflowId, OperationStatus.QUEUED, null));
    persisted.add(operationId);
    return new OperationAccepted(
        operationId,
        app,
        number,
        workflowId,
        waits ? OperationStatus.QUEUED : OperationStatus.RUNNING);
  }

  /** A scale records a new revision: the latest spec with the requested replica counts. */
  private OperationAccepted submitScale(OperationRequest request) {
    fleet();
    Revision base = latest();
    Map<String, Integer> replicas = request.replicas();
    AppSpec spec =
        new AppSpec(
            app,
            base.spec().services().stream()
                .map(
                    s ->
                        replicas.containsKey(s.name()) ? s.withReplicas(replicas.get(s.name())) : s)
                .toList(),
            base.spec().progressDeadlineMillis(),
            base.spec().placement());
    int number = ++lastRevision;
    // No digest: the store computes it from the spec, which differs from the file's.
    Revision revision = new Revision(number, spec, null, null);
    return accept(request, revision, ScaleWorkflow.workflowId(app, number), request.reason());
  }

  /** A rollback records a new revision that copies the old one (as Kubernetes does). */
  private OperationAccepted submitRollback(OperationRequest request) {
    fleet();
    int before = current == null ? lastRevision + 1 : current.number();
    Revision source = ports.state().rollbackSource(app, request.toRevision(), before);
    if (source == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          request.toRevision() > 0
              ? "toRevision: revision "
                  + request.toRevision()
                  + " of "
                  + app
                  + " is no longer retained"
              : "toRevision: no earlier revision of " + app + " succeeded",
          "invalid");
    }
    int number = ++lastRevision;
    Revision revision = new Revision(number, source.spec(), source.digest(), source.yaml());
    String why =
        "rollback to r"
            + source.number()
            + (request.reason() == null || request.reason().isBlank()
                ? ""
                : ": " + request.reason());
    return accept(request, revision, RollbackWorkflow.workflowId(app, number), why);
  }

  private OperationAccepted submitDelete(OperationRequest request) {
    fleet();
    String suffix = Workflow.randomUUID().toString().substring(0, 8);
    Revision marker = new Revision(lastRevision, null, null, null);
    return accept(request, marker, DeleteAppWorkflow.workflowId(app, suffix), request.reason());
  }

  private OperationAccepted accept(
      OperationRequest request, Revision revision, String workflowId, String reason) {
    String operationId = Workflow.randomUUID().toString();
    QueuedOperation op =
        new QueuedOperation(
            operationId,
            new OperationRequest(
                request.kind(),
                revision,
                request.requestedBy(),
                reason,
                request.replicas(),
                request.toRevision()),
            workflowId);
    boolean waits = running != null || !queue.isEmpty();
    queue.add(op);
    if (revision.spec() != null) {
      ports.state().saveRevision(app, revision, request.requestedBy(), reason);
    }
    ports.state().saveOperation(record(op, workflowId, OperationStatus.QUEUED, null));
    persisted.add(operationId);
    return new OperationAccepted(
        operationId,
        app,
        revision.number(),
        workflowId,
        waits ? OperationStatus.QUEUED : OperationStatus.RUNNING);
  }

  /** The newest accepted spec (a queued deploy's, else the current one), or null. */
  private Revision latest() {
    Iterator<QueuedOperation> it = queue.descendingIterator();
    while (it.hasNext()) {
      Revision r = it.next().request().revision();
      if (r != null && r.spec() != null) {
        return r;
      }
    }
    Revision inFlight = runningOp == null ? null : runningOp.request().revision();
    if (inFlight != null && inFlight.spec() != null) {
      return inFlight;
    }
    return current;
  }

  private OperationRecord record(
      QueuedOperation op, String workflowId, OperationStatus status, String error) {
    OperationRequest r = op.request();
    return new OperationRecord(
        op.operationId(),
        app,
        r.kind(),
        r.revision().number(),
        status,
        workflowId,
        null,
        r.requestedBy(),
        r.reason(),
        error);
  }

  @Override
  public void validateSubmit(OperationRequest request) {
    List<String> problems = new ArrayList<>();
    if (request == null || request.kind() == null) {
      throw ApplicationFailure.newNonRetryableFailure("an operation kind is required", "invalid");
    }
    switch (request.kind()) {
      case DEPLOY -> validateDeploy(request, problems);
      case SCALE -> validateScale(request, problems);
      case ROLLBACK -> validateRollback(request, problems);
      case DELETE -> {
        if (lastRevision == 0) {
          problems.add("app " + app + " has nothing to delete");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(String.join("; ", problems), "invalid");
    }
  }

  private void validateDeploy(OperationRequest request, List<String> problems) {
    if (request.revision() == null || request.revision().spec() == null) {
      problems.add("a deploy needs a spec");
      return;
    }
    if (!app.equals(request.revision().spec().app())) {
      problems.add("spec is for app " + request.revision().spec().app() + ", not " + app);
    }
    List<ServiceSpec> services = request.revision().spec().services();
    if (services == null || services.isEmpty()) {
      problems.add("services: at least one service is required");
      return;
    }
    for (ServiceSpec s : services) {
      if (s.image() == null || s.image().isBlank()) {
        problems.add("services." + s.name() + ".image: required");
      }
      if (s.replicas() < 0) {
        problems.add("services." + s.name() + ".deploy.replicas: must be >= 0");
      }
    }
  }

  private void validateScale(OperationRequest request, List<String> problems) {
    Revision base = latest();
    if (base == null) {
      problems.add("app " + app + " runs no revision: deploy it first");
      return;
    }
    if (request.replicas() == null || request.replicas().isEmpty()) {
      problems.add("replicas: name at least one service and its count");
      return;
    }
    Function<ServiceSpec, String> name = ServiceSpec::name;
    String known = base.spec().services().stream().map(name).collect(Collectors.joining(", "));
    request
        .replicas()
        .forEach(
            (service, n) -> {
              if (base.spec().service(service) == null) {
                problems.add(
                    "replicas." + service + ": unknown service (" + app + " has " + known + ")");
              } else if (n == null || n < 0) {
                problems.add("replicas." + service + ": must be >= 0");
              }
            });
  }

  private void validateRollback(OperationRequest request, List<String> problems) {
    int to = request.toRevision();
    if (lastRevision == 0) {
      problems.add("app " + app + " has no revisions");
    } else if (to < 0 || to > lastRevision) {
      problems.add(
          "toRevision: unknown revision " + to + " (" + app + " has r1 to r" + lastRevision + ")");
    } else if (to > 0
        && current != null
        && to == current.number()
        && running == null
        && queue.isEmpty()) {
      // Only when idle: while an operation runs, `current` is the revision before it (a client may
      // ask right after the operation's status reads SUCCEEDED, before its child returns).
      problems.add("toRevision: " + app + " already runs r" + to);
    }
  }

  @Override
  public AppProgress progress() {
    return new AppProgress(
        app,
        lastRevision,
        current == null ? 0 : current.number(),
        running,
        queue.stream().map(QueuedOperation::operationId).toList());
  }
}
