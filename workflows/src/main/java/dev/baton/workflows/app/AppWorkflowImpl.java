package dev.baton.workflows.app;

import dev.baton.workflows.app.AppState.QueuedOperation;
import dev.baton.workflows.deploy.DeployRequest;
import dev.baton.workflows.deploy.DeployResult;
import dev.baton.workflows.deploy.DeployWorkflow;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.model.Revision;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.OperationRecord;
import dev.baton.workflows.support.BatonSearchAttributes;
import dev.baton.workflows.support.Ports;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs one app's operations strictly one at a time, in the order they were accepted. */
public class AppWorkflowImpl implements AppWorkflow {
  private final String app;
  private final int operationsPerRun;
  private final Ports ports = new Ports();
  private final Deque<QueuedOperation> queue = new ArrayDeque<>();
  private final Set<String> persisted = new HashSet<>();
  private int lastRevision;
  private Revision current;
  private String running;
  private int operationsThisRun;

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
  }

  @Override
  public void run(AppState state) {
    while (true) {
      Workflow.await(
          () ->
              (!queue.isEmpty() && persisted.contains(queue.peek().operationId()))
                  || dueForNewRun());
      if (dueForNewRun()) {
        // Handlers may be mid-flight (persisting a new operation): let them finish first.
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(
            new AppState(app, lastRevision, current, List.copyOf(queue), operationsPerRun));
        return;
      }
      QueuedOperation op = queue.poll();
      running = op.operationId();
      execute(op);
      running = null;
      operationsThisRun++;
    }
  }

  private boolean dueForNewRun() {
    return running == null
        && (operationsThisRun >= operationsPerRun || Workflow.getInfo().isContinueAsNewSuggested());
  }

  private void execute(QueuedOperation op) {
    Revision target = op.request().revision();
    String workflowId = DeployWorkflow.workflowId(app, target.number());
    DeployWorkflow child =
        Workflow.newChildWorkflowStub(
            DeployWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTypedSearchAttributes(
                    BatonSearchAttributes.of(
                        app, "deploy", target.number(), OperationStatus.RUNNING))
                .setStaticSummary(summary(target))
                .setStaticDetails(
                    "requested by "
                        + op.request().requestedBy()
                        + (op.request().reason() == null ? "" : ": " + op.request().reason()))
                .build());
    try {
      DeployResult result =
          child.deploy(
              new DeployRequest(
                  op.operationId(), app, target, current, op.request().requestedBy()));
      if (result.runningRevision() == target.number()) {
        current = target;
      }
    } catch (ChildWorkflowFailure e) {
      ports
          .state()
          .saveOperation(
              record(op, workflowId, OperationStatus.FAILED, "rollout crashed: " + e.getMessage()));
    }
  }

  private static String summary(Revision target) {
    String images =
        target.spec().services().stream()
            .map(s -> s.name() + "=" + s.image())
            .collect(Collectors.joining(", "));
    return "deploy " + target.spec().app() + " r" + target.number() + ": " + images;
  }

  @Override
  public OperationAccepted submit(OperationRequest request) {
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
    if (request.kind() != OperationKind.DEPLOY) {
      problems.add("operation " + request.kind() + " is not supported yet");
    } else if (request.revision() == null || request.revision().spec() == null) {
      problems.add("a deploy needs a spec");
    } else {
      if (!app.equals(request.revision().spec().app())) {
        problems.add("spec is for app " + request.revision().spec().app() + ", not " + app);
      }
      List<ServiceSpec> services = request.revision().spec().services();
      if (services == null || services.isEmpty()) {
        problems.add("services: at least one service is required");
      } else {
        for (ServiceSpec s : services) {
          if (s.image() == null || s.image().isBlank()) {
            problems.add("services." + s.name() + ".image: required");
          }
          if (s.replicas() < 0) {
            problems.add("services." + s.name() + ".deploy.replicas: must be >= 0");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(String.join("; ", problems), "invalid");
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
