package dev.baton.service.backups;

import dev.baton.service.api.Accepted;
import dev.baton.service.api.ApiException;
import dev.baton.service.api.Callers;
import dev.baton.service.api.DnsLabel;
import dev.baton.service.api.Links;
import dev.baton.service.api.RequiresRole;
import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.auth.Caller;
import dev.baton.service.control.FleetOperations;
import dev.baton.service.volumes.VolumeReadRepository;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.ports.BackupRecord;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backups of one named volume ({@code volume}: its key, as {@code GET /apps/{app}/volumes} lists
 * it): list them, take one (an operation of the app, queued behind its rollouts), restore one.
 */
@RestController
@RequestMapping("/api/v1/apps/{app}/volumes/{volume}")
public class BackupsController {
  private static final String VOLUME_KEY = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}";
  private static final String VOLUME_MESSAGE = "'${validatedValue}' is not a volume's key";

  private final FleetOperations operations;
  private final AppReadRepository apps;
  private final VolumeReadRepository volumes;
  private final BackupReadRepository backups;
  private final Links links;

  public BackupsController(
      FleetOperations operations,
      AppReadRepository apps,
      VolumeReadRepository volumes,
      BackupReadRepository backups,
      Links links) {
    this.operations = operations;
    this.apps = apps;
    this.volumes = volumes;
    this.backups = backups;
    this.links = links;
  }

  /** The volume's backups, newest first (those of a volume since deleted too). */
  @GetMapping("/backups")
  public List<BackupView> list(
      @PathVariable @DnsLabel String app,
      @PathVariable @Pattern(regexp = VOLUME_KEY, message = VOLUME_MESSAGE) String volume) {
    List<BackupView> found = backups.ofVolume(app, volume);
    if (found.isEmpty()) {
      requireVolume(app, volume);
    }
    return found;
  }

  /** Backs the volume up, as an operation of its app (202). */
  @RequiresRole(Caller.Role.DEPLOYER)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping("/backup")
  public ResponseEntity<Accepted> backup(
      @PathVariable @DnsLabel String app,
      @PathVariable @Pattern(regexp = VOLUME_KEY, message = VOLUME_MESSAGE) String volume,
      @RequestBody(required = false) @Valid @Nullable BackupBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      HttpServletRequest request) {
    requireVolume(app, volume);
    String reason = body == null ? null : body.reason();
    OperationRequest op =
        new OperationRequest.Backup(volume, null, null, Callers.of(request).name(), reason);
    return Accepted.answer(operations.submit(app, op, idempotencyKey), links);
  }

  /** Replaces the volume's contents with a complete backup's, as an operation (admin only). */
  @RequiresRole(Caller.Role.ADMIN)
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PostMapping("/restore")
  public ResponseEntity<Accepted> restore(
      @PathVariable @DnsLabel String app,
      @PathVariable @Pattern(regexp = VOLUME_KEY, message = VOLUME_MESSAGE) String volume,
      @RequestBody @Valid RestoreBody body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      HttpServletRequest request) {
    requireVolume(app, volume);
    BackupView backup =
        backups
            .byId(body.backup())
            .filter(b -> b.app().equals(app) && b.volume().equals(volume))
            .orElseThrow(
                () ->
                    fieldError(
                        HttpStatus.NOT_FOUND,
                        "no backup " + body.backup() + " of " + app + "/" + volume));
    if (backup.status() != BackupRecord.Status.COMPLETE) {
      throw ApiException.conflict(
          "backup",
          "backup " + backup.id() + " is " + backup.status() + ": only a COMPLETE one restores");
    }
    OperationRequest op =
        new OperationRequest.Restore(
            volume, backup.id(), null, Callers.of(request).name(), body.reason());
    return Accepted.answer(operations.submit(app, op, idempotencyKey), links);
  }

  /** 404 naming what is unknown: the app, or the volume among the app's. */
  private void requireVolume(String app, String volume) {
    if (!apps.existsByName(app)) {
      throw ApiException.notFound("app " + app);
    }
    if (volumes.ofApp(app).stream().noneMatch(v -> v.volume().equals(volume))) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "volume " + volume + " of app " + app + " not found",
          List.of(Map.of("path", "volume", "message", "unknown volume of " + app)));
    }
  }

  private static ApiException fieldError(HttpStatus status, String message) {
    return new ApiException(
        status, "backup: " + message, List.of(Map.of("path", "backup", "message", message)));
  }
}
