package dev.baton.service.balancers;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A host's balancer of an app's service as Baton last made it ({@code updatedAt}: at its last
 * change, or its check after Baton started): {@code serving} over {@code servers} instances, {@code
 * idle} (none in service) or {@code failed} ({@code detail} says why), answering on {@code listens}
 * ("address:port" on the host; none when it is reached by name only).
 */
public record BalancerView(
    String host,
    String app,
    String service,
    String state,
    int servers,
    List<String> listens,
    @Nullable String detail,
    Instant updatedAt) {

  /** From a row: {@code listens} as stored, comma separated. */
  public BalancerView(
      String host,
      String app,
      String service,
      String state,
      int servers,
      String listens,
      @Nullable String detail,
      Instant updatedAt) {
    this(
        host,
        app,
        service,
        state,
        servers,
        listens.isBlank() ? List.of() : Arrays.asList(listens.split(",")),
        detail,
        updatedAt);
  }
}
