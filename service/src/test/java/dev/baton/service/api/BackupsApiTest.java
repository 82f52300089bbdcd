package dev.baton.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.auth.Caller;
import dev.baton.service.auth.TokenAuthenticator;
import dev.baton.service.backups.BackupReadRepository;
import dev.baton.service.backups.BackupView;
import dev.baton.service.control.FleetOperations;
import dev.baton.service.volumes.VolumeReadRepository;
import dev.baton.service.volumes.VolumeRow;
import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.app.OperationRequest;
import dev.baton.workflows.model.OperationStatus;
import dev.baton.workflows.ports.BackupRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The backup endpoints' contract on the web layer: roles, and bad input as 4xx naming it. */
@WebLayerTest
class BackupsApiTest {
  private static final String VOLUME = "/api/v1/apps/shop/volumes/data";
  private static final String ID = "20261206-210232-4f4949";
  private static final Instant AT = Instant.parse("2026-12-06T21:02:32Z");

  @Autowired MockMvc mvc;
  @Autowired TokenAuthenticator authenticator;
  @Autowired FleetOperations operations;
  @Autowired AppReadRepository apps;
  @Autowired VolumeReadRepository volumes;
  @Autowired BackupReadRepository backups;

  @BeforeEach
  void setUp() {
    when(authenticator.authenticate("admin-t"))
        .thenReturn(Optional.of(new Caller("root", Caller.Role.ADMIN)));
    when(authenticator.authenticate("deployer-t"))
        .thenReturn(Optional.of(new Caller("ci", Caller.Role.DEPLOYER)));
    when(apps.existsByName("shop")).thenReturn(true);
    when(volumes.ofApp("shop"))
        .thenReturn(List.of(new VolumeRow("shop", "data", "host1", "baton-shop_data", AT)));
    when(operations.submit(eq("shop"), any(), any()))
        .thenReturn(
            new OperationAccepted("op-1", "shop", 3, "backup:shop:" + ID, OperationStatus.RUNNING));
  }

  private static BackupView backup(BackupRecord.Status status) {
    boolean done = status == BackupRecord.Status.COMPLETE;
    return new BackupView(
        ID,
        "shop",
        "data",
        status,
        "host1",
        "shop/data/" + ID + ".tar",
        done ? 9728L : null,
        done ? "a".repeat(64) : null,
        "op-0",
        AT,
        done ? AT : null);
  }

  private ResultActions send(String token, MockHttpServletRequestBuilder request, String body)
      throws Exception {
    return mvc.perform(
        request
            .header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static void problem(ResultActions actions, int status, String field) throws Exception {
    actions
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.errors[0].path").value(field));
  }

  @Test
  void aDeployerBacksUpAKnownVolumeAsAnOperation() throws Exception {
    send("deployer-t", post(VOLUME + "/backup"), "{\"reason\": \"nightly\"}")
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.workflowId").value("backup:shop:" + ID));
    ArgumentCaptor<OperationRequest> op = ArgumentCaptor.forClass(OperationRequest.class);
    verify(operations).submit(eq("shop"), op.capture(), any());
    assertThat(op.getValue())
        .isEqualTo(new OperationRequest.Backup("data", null, null, "ci", "nightly"));
  }

  @Test
  void anUnknownVolumeIs404NamingIt() throws Exception {
    problem(
        send("deployer-t", post("/api/v1/apps/shop/volumes/cache/backup"), "{}"), 404, "volume");
    verify(operations, never()).submit(any(), any(), any());
  }

  @Test
  void aRestoreNeedsAnAdminAndACompleteBackupOfThatVolume() throws Exception {
    String body = "{\"backup\": \"" + ID + "\"}";
    send("deployer-t", post(VOLUME + "/restore"), body).andExpect(status().isForbidden());

    when(backups.byId(ID)).thenReturn(Optional.empty());
    problem(send("admin-t", post(VOLUME + "/restore"), body), 404, "backup");

    when(backups.byId(ID)).thenReturn(Optional.of(backup(BackupRecord.Status.RUNNING)));
    problem(send("admin-t", post(VOLUME + "/restore"), body), 409, "backup");

    problem(send("admin-t", post(VOLUME + "/restore"), "{\"backup\": \"../x\"}"), 400, "backup");
    problem(send("admin-t", post(VOLUME + "/restore"), "{}"), 400, "backup");
    verify(operations, never()).submit(any(), any(), any());

    when(backups.byId(ID)).thenReturn(Optional.of(backup(BackupRecord.Status.COMPLETE)));
    send("admin-t", post(VOLUME + "/restore"), body).andExpect(status().isAccepted());
  }

  @Test
  void theListIsTheVolumesBackups() throws Exception {
    when(backups.ofVolume("shop", "data"))
        .thenReturn(List.of(backup(BackupRecord.Status.COMPLETE)));
    send("deployer-t", get(VOLUME + "/backups"), "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value(ID))
        .andExpect(jsonPath("$[0].status").value("COMPLETE"));
  }
}
