package dev.baton.workflows.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.Revision;
import java.util.Locale;
import java.util.Map;

/**
 * An operation submitted to an app, one record per kind. {@code revision} is the revision the
 * operation makes: a deploy carries its new spec (number 0 until the controller numbers it); the
 * others get theirs when accepted. On the wire the kind is the {@code kind} field.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "kind",
    visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = OperationRequest.Deploy.class, name = "DEPLOY"),
  @JsonSubTypes.Type(value = OperationRequest.Scale.class, name = "SCALE"),
  @JsonSubTypes.Type(value = OperationRequest.Rollback.class, name = "ROLLBACK"),
  @JsonSubTypes.Type(value = OperationRequest.Delete.class, name = "DELETE"),
  @JsonSubTypes.Type(value = OperationRequest.Backup.class, name = "BACKUP"),
  @JsonSubTypes.Type(value = OperationRequest.Restore.class, name = "RESTORE"),
  @JsonSubTypes.Type(value = OperationRequest.MoveVolumes.class, name = "MOVE_VOLUMES")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface OperationRequest {
  /** Each record is named after its kind (Deploy is DEPLOY, ...): the wire's {@code kind}. */
  @JsonProperty("kind")
  default OperationKind kind() {
    return OperationKind.valueOf(getClass().getSimpleName().toUpperCase(Locale.ROOT));
  }

  Revision revision();

  String requestedBy();

  String reason();

  /** The same request as accepted: with the revision it makes and the reason recorded for it. */
  OperationRequest accepted(Revision revision, String reason);

  /** A new spec to roll out. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Deploy(Revision revision, String requestedBy, String reason) implements OperationRequest {
    @Override
    public Deploy accepted(Revision revision, String reason) {
      return new Deploy(revision, requestedBy, reason);
    }
  }

  /** New replica counts (service to count) for the latest spec. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Scale(Map<String, Integer> replicas, Revision revision, String requestedBy, String reason)
      implements OperationRequest {
    @Override
    public Scale accepted(Revision revision, String reason) {
      return new Scale(replicas, revision, requestedBy, reason);
    }
  }

  /**
   * A return to revision {@code toRevision} (0: the last one that succeeded). It keeps the replica
   * counts the app runs now (a bad release rolled back after a scale-up keeps its capacity, as
   * {@code kubectl rollout undo} does) unless {@code revisionReplicas} asks for that revision's.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Rollback(
      int toRevision,
      Revision revision,
      String requestedBy,
      String reason,
      boolean revisionReplicas)
      implements OperationRequest {
    @Override
    public Rollback accepted(Revision revision, String reason) {
      return new Rollback(toRevision, revision, requestedBy, reason, revisionReplicas);
    }
  }

  /** Removes every instance of the app; {@code revision} only marks the last number. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  /** {@code volumes}: delete the app's named volumes too (else they stay on their hosts). */
  record Delete(Revision revision, String requestedBy, String reason, boolean volumes)
      implements OperationRequest {
    @Override
    public Delete accepted(Revision revision, String reason) {
      return new Delete(revision, requestedBy, reason, volumes);
    }
  }

  /**
   * A backup of the named volume {@code volume} (its key, as {@code GET /volumes} lists it); {@code
   * backup} is the new backup's id, given when accepted. {@code revision} only marks the app's last
   * number: a backup makes no revision.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Backup(String volume, String backup, Revision revision, String requestedBy, String reason)
      implements OperationRequest {
    @Override
    public Backup accepted(Revision revision, String reason) {
      return new Backup(volume, backup, revision, requestedBy, reason);
    }
  }

  /** Replaces the contents of {@code volume} with those of backup {@code backup}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Restore(String volume, String backup, Revision revision, String requestedBy, String reason)
      implements OperationRequest {
    @Override
    public Restore accepted(Revision revision, String reason) {
      return new Restore(volume, backup, revision, requestedBy, reason);
    }
  }

  /**
   * Moves the app's named volumes off {@code host} (a drain with move-volumes): each one's
   * instances stop, its contents are copied to another host, it is re-pinned there and they start
   * there.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MoveVolumes(String host, Revision revision, String requestedBy, String reason)
      implements OperationRequest {
    @Override
    public OperationKind kind() {
      return OperationKind.MOVE_VOLUMES;
    }

    @Override
    public MoveVolumes accepted(Revision revision, String reason) {
      return new MoveVolumes(host, revision, requestedBy, reason);
    }
  }
}
