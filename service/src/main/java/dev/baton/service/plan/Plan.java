package dev.baton.service.plan;

import dev.baton.service.spec.SpecError;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.UpdatePolicy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What deploying a Compose file would do now.
 *
 * @param app the app
 * @param currentRevision the revision it runs (null: a first deploy)
 * @param revision the number the deploy would get
 * @param digest the new spec's digest; {@code unchanged} when it equals the current one's
 * @param unchanged whether the spec is the one already running (a deploy still replaces every
 *     instance: a redeploy restarts them)
 * @param changes what differs from the current revision, by service
 * @param services per service in rollout order: its update policy and what happens to each slot
 * @param shortfalls every instance that would find no host, with why
 * @param warnings what was accepted but not as written
 * @param spec the interpolated, normalized spec the deploy would run
 * @param resolved the Compose file as Baton read it (variables filled in, env files merged)
 */
public record Plan(
    String app,
    @Nullable Integer currentRevision,
    int revision,
    String digest,
    boolean unchanged,
    List<ServiceChange> changes,
    List<ServicePlan> services,
    List<String> shortfalls,
    List<SpecError> warnings,
    AppSpec spec,
    String resolved) {

  /** How a service differs from the running revision: added, removed, changed or unchanged. */
  public record ServiceChange(String service, String change, List<FieldChange> fields) {}

  /** One key of a service spec, before and after (as JSON). */
  public record FieldChange(String field, @Nullable String before, @Nullable String after) {}

  /** One service's rollout: the policy it follows and each slot's move. */
  public record ServicePlan(
      String service, int replicas, boolean global, UpdatePolicy update, List<SlotMove> slots) {}

  /**
   * One slot: {@code add} (a new instance), {@code replace} (a new one for the running one) or
   * {@code remove}; {@code fromHost} is where the running one is, {@code toHost} where the new one
   * would go (null with {@code problem} when no host can take it); {@code volumes} the named
   * volumes it mounts and their host, which binds it there.
   */
  public record SlotMove(
      int slot,
      String action,
      @Nullable String fromHost,
      @Nullable String toHost,
      @Nullable String problem,
      List<VolumePin> volumes) {

    SlotMove(int slot, String action, @Nullable String fromHost) {
      this(slot, action, fromHost, null, null, List.of());
    }
  }

  /** A named volume a slot mounts: where it lives, or where this deploy would create it. */
  public record VolumePin(String volume, String host, boolean created) {}
}
