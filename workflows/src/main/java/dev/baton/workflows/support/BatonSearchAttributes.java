package dev.baton.workflows.support;

import dev.baton.workflows.model.OperationStatus;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;

/** The search attributes that let an operator filter Baton's executions in the Temporal UI. */
public final class BatonSearchAttributes {
  public static final SearchAttributeKey<String> APP = SearchAttributeKey.forKeyword("BatonApp");
  public static final SearchAttributeKey<String> OPERATION =
      SearchAttributeKey.forKeyword("BatonOperation");
  public static final SearchAttributeKey<Long> REVISION =
      SearchAttributeKey.forLong("BatonRevision");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("BatonStatus");

  private BatonSearchAttributes() {}

  public static SearchAttributes of(
      String app, String operation, long revision, OperationStatus status) {
    return SearchAttributes.newBuilder()
        .set(APP, app)
        .set(OPERATION, operation)
        .set(REVISION, revision)
        .set(STATUS, status.name())
        .build();
  }

  /** Keeps {@code BatonStatus} current, so "all paused deploys" is one query. */
  public static void upsertStatus(OperationStatus status) {
    Workflow.upsertTypedSearchAttributes(STATUS.valueSet(status.name()));
  }
}
