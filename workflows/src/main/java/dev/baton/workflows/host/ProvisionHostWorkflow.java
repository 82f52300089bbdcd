package dev.baton.workflows.host;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One Docker host ({@code host:<name>}): joins it (API version, capacity, network, pre-pulled
 * images, Ready), then watches it: Unreachable when it stops answering, Ready when it returns.
 * Drain moves its instances elsewhere (through each app's self-healing); decommission ends it.
 */
@WorkflowInterface
public interface ProvisionHostWorkflow {

  @WorkflowMethod
  void run(HostState state);

  /** Takes no new instances, and asks every app with instances here to move them. */
  @SignalMethod
  void drain();

  /** Undoes a drain: the host takes new instances again (READY). */
  @SignalMethod
  void activate();

  /** Marks the host REMOVED and ends the workflow (the API checks it is drained first). */
  @SignalMethod
  void decommission();

  /** READY, UNREACHABLE, DRAINING, or null while joining. */
  @QueryMethod
  String status();
}
