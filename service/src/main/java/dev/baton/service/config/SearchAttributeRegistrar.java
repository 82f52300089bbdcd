package dev.baton.service.config;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers Baton's search attributes in its namespace before any workflow runs, so any Temporal
 * server works (the dev server, or a fresh cluster from docker-compose.yml) without manual setup.
 */
@Component
public class SearchAttributeRegistrar implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);
  static final Map<String, IndexedValueType> ATTRIBUTES =
      Map.of(
          "BatonApp", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "BatonOperation", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          "BatonRevision", IndexedValueType.INDEXED_VALUE_TYPE_INT,
          "BatonStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

  private final WorkflowServiceStubs service;
  private final String namespace;

  public SearchAttributeRegistrar(
      WorkflowServiceStubs service,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.service = service;
    this.namespace = namespace;
  }

  @Override
  public void afterPropertiesSet() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    var existing =
        operator
            .blockingStub()
            .listSearchAttributes(
                ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
            .getCustomAttributesMap();
    Map<String, IndexedValueType> missing = new LinkedHashMap<>(ATTRIBUTES);
    missing.keySet().removeAll(existing.keySet());
    if (missing.isEmpty()) {
      return;
    }
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(missing)
                  .build());
      log.info("registered search attributes {} in namespace {}", missing.keySet(), namespace);
    } catch (StatusRuntimeException e) {
      // Another Baton replica may have registered them a moment ago.
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
  }
}
