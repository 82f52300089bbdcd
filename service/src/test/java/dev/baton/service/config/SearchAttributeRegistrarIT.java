package dev.baton.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the stack's real Temporal server, in a namespace of its own that has none of Baton's
 * attributes: after boot they are there, and a second boot changes nothing.
 */
class SearchAttributeRegistrarIT {
  private final WorkflowServiceStubs service = connect();
  private final String namespace = "baton-it-" + UUID.randomUUID().toString().substring(0, 8);

  private static WorkflowServiceStubs connect() {
    String address = System.getenv("TEMPORAL_ADDRESS");
    if (address == null || address.isBlank()) {
      throw new IllegalStateException(
          "TEMPORAL_ADDRESS is not set: this test needs the real stack (scripts/test)");
    }
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
  }

  @AfterEach
  void close() {
    service.shutdown();
  }

  private Map<String, IndexedValueType> registered() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    return operator
        .blockingStub()
        .listSearchAttributes(
            ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
        .getCustomAttributesMap();
  }

  @Test
  void registersBatonsSearchAttributesIdempotently() {
    service
        .blockingStub()
        .registerNamespace(
            RegisterNamespaceRequest.newBuilder()
                .setNamespace(namespace)
                .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1))
                .build());
    assertThat(registered()).doesNotContainKey("BatonApp");

    SearchAttributeRegistrar registrar = new SearchAttributeRegistrar(service, namespace);
    registrar.afterPropertiesSet();
    registrar.afterPropertiesSet();

    assertThat(registered()).containsAllEntriesOf(SearchAttributeRegistrar.ATTRIBUTES);
  }
}
