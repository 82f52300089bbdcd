package dev.baton.service.config;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** idempotency_keys: the first successful answer to a (caller, path, key). */
@Component
public class IdempotencyStore {
  private final IdempotencyKeyRepository keys;

  public IdempotencyStore(IdempotencyKeyRepository keys) {
    this.keys = keys;
  }

  /** A stored answer. */
  public record Stored(
      String requestHash,
      String operationId,
      int status,
      String contentType,
      String location,
      String body) {}

  public Optional<Stored> find(String caller, String path, String key) {
    return keys.find(caller, path, key);
  }

  /** Saves the answer unless a racing request saved one first; true when this one won. */
  public boolean save(String caller, String path, String key, Stored answer) {
    return keys.saveFirst(
            caller,
            path,
            key,
            answer.requestHash(),
            answer.operationId(),
            answer.status(),
            answer.contentType(),
            answer.location(),
            answer.body())
        == 1;
  }
}
