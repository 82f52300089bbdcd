package dev.baton.service.apps;

import dev.baton.activities.state.StateJson;
import dev.baton.service.spec.SpecError;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.ServiceSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A retained revision: what each service ran, who made it and how its rollout ended. */
public record RevisionView(
    int revision,
    boolean current,
    String digest,
    @Nullable String createdBy,
    @Nullable String reason,
    @Nullable String outcome,
    Instant createdAt,
    Map<String, ServiceImage> services,
    List<SpecError> warnings,
    AppSpec spec) {

  /** A service's image and replica count in one revision. */
  public record ServiceImage(String image, int replicas) {}

  static RevisionView of(RevisionRow row) {
    AppSpec spec = StateJson.readSpec(row.spec());
    Map<String, ServiceImage> services = new LinkedHashMap<>();
    for (ServiceSpec s : spec.services()) {
      services.put(s.name(), new ServiceImage(s.image(), s.replicas()));
    }
    return new RevisionView(
        row.number(),
        Objects.equals(row.currentRevision(), row.number()),
        row.digest(),
        row.createdBy(),
        row.reason(),
        row.outcome(),
        row.createdAt(),
        services,
        RevisionWarnings.read(row.warnings()),
        spec);
  }
}
