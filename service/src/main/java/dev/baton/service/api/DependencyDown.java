package dev.baton.service.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means a part of the control plane does not answer (Temporal unavailable or too
 * slow, PostgreSQL unreachable): the request may be sent again once it is back, so the API answers
 * 503 with Retry-After instead of 500 (docs/operations.md).
 */
final class DependencyDown {
  private DependencyDown() {}

  /** Which part does not answer, when that is what {@code failure} says. */
  static Optional<String> part(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException grpc
          && (grpc.getStatus().getCode() == Status.Code.UNAVAILABLE
              || grpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
        return Optional.of("Temporal");
      }
      if (t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException
          || t instanceof SQLTransientConnectionException) {
        return Optional.of("PostgreSQL");
      }
    }
    return Optional.empty();
  }
}
