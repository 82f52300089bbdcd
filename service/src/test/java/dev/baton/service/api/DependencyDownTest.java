package dev.baton.service.api;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.auth.Caller;
import dev.baton.service.auth.TokenAuthenticator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

/** A part of the control plane that does not answer is a 503 to retry, never a 500. */
@WebLayerTest
class DependencyDownTest {
  @Autowired MockMvc mvc;
  @Autowired TokenAuthenticator authenticator;
  @Autowired AppReadRepository apps;

  @BeforeEach
  void setUp() {
    when(authenticator.authenticate("viewer-t"))
        .thenReturn(Optional.of(new Caller("v", Caller.Role.VIEWER)));
  }

  @Test
  void postgresUnreachableIs503WithRetryAfter() throws Exception {
    when(apps.summaries())
        .thenThrow(new CannotCreateTransactionException("Could not open JPA EntityManager"));

    expect503("PostgreSQL");
  }

  @Test
  void temporalUnavailableIs503WithRetryAfter() throws Exception {
    when(apps.summaries())
        .thenThrow(
            new WorkflowServiceException(
                WorkflowExecution.newBuilder().setWorkflowId("app:shop").build(),
                "AppWorkflow",
                new StatusRuntimeException(Status.UNAVAILABLE.withDescription("io"))));

    expect503("Temporal");
  }

  @Test
  void anyOtherFailureIsNotDisguisedAsA503() {
    when(apps.summaries()).thenThrow(new IllegalStateException("a bug"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> mvc.perform(get("/api/v1/apps").header("Authorization", "Bearer viewer-t")))
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  private void expect503(String part) throws Exception {
    mvc.perform(get("/api/v1/apps").header("Authorization", "Bearer viewer-t"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith(part)));
  }
}
