package dev.baton.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.activities.state.ApiRole;
import dev.baton.activities.state.HostRegistry;
import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.apps.AppSummary;
import dev.baton.service.audit.AuditEntry;
import dev.baton.service.audit.AuditLog;
import dev.baton.service.auth.Caller;
import dev.baton.service.auth.TokenAuthenticator;
import dev.baton.service.control.AppOperations;
import dev.baton.service.operations.EventView;
import dev.baton.service.operations.OperationReadRepository;
import dev.baton.service.operations.OperationRow;
import dev.baton.service.tokens.ApiTokens;
import dev.baton.service.tokens.IssuedToken;
import dev.baton.service.tokens.TokenView;
import dev.baton.workflows.app.OperationAccepted;
import dev.baton.workflows.model.OperationKind;
import dev.baton.workflows.model.OperationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every endpoint's contract on the web layer alone (mocked state and Temporal): roles, each 4xx
 * path as application/problem+json naming the field, idempotency replays and conflicts, audit,
 * long-poll and SSE. The real stack's end-to-end tests live in tests/.
 */
@WebLayerTest
class ApiContractTest {
  private static final String YAML =
      """
      # the shop
      services:
        web:
          image: reg/web:v1   # pinned
          ports: ["8080"]
        worker:
          image: "reg/worker:v1"
      """;

  @Autowired MockMvc mvc;
  @Autowired TokenAuthenticator authenticator;
  @Autowired AppOperations operations;
  @Autowired AppReadRepository apps;
  @Autowired OperationReadRepository reads;
  @Autowired ApiTokens tokens;
  @Autowired AuditLog audit;
  @Autowired HostRegistry hostRegistry;

  @BeforeEach
  void callers() {
    when(authenticator.authenticate("admin-t"))
        .thenReturn(Optional.of(new Caller("root", Caller.Role.ADMIN)));
    when(authenticator.authenticate("deployer-t"))
        .thenReturn(Optional.of(new Caller("ci", Caller.Role.DEPLOYER)));
    when(authenticator.authenticate("viewer-t"))
        .thenReturn(Optional.of(new Caller("eyes", Caller.Role.VIEWER)));
    when(operations.deploy(any(), anyString(), anyString(), anyString(), any(), any()))
        .thenAnswer(
            call ->
                new OperationAccepted(
                    UUID.randomUUID().toString(),
                    "shop",
                    2,
                    "deploy:shop:r2",
                    OperationStatus.QUEUED));
  }

  private static MockHttpServletRequestBuilder as(
      String token, MockHttpServletRequestBuilder request) {
    return request.header("Authorization", "Bearer " + token);
  }

  private ResultActions problem(ResultActions actions, int status) throws Exception {
    return actions
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.status").value(status));
  }

  private MockHttpServletRequestBuilder yamlDeploy(String token, String yaml) {
    return as(token, post("/api/v1/apps/shop/deployments"))
        .contentType("application/yaml")
        .content(yaml);
  }

  private MockHttpServletRequestBuilder jsonDeploy(String token, String json) {
    return as(token, post("/api/v1/apps/shop/deployments"))
        .contentType(MediaType.APPLICATION_JSON)
        .content(json);
  }

  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private static OperationRow operation(String id, String status) {
    return new OperationRow(
        id,
        "shop",
        OperationKind.DEPLOY,
        2,
        OperationStatus.valueOf(status),
        "deploy:shop:r2",
        "run-1",
        "ci",
        null,
        null,
        AT,
        AT,
        null);
  }

  private static EventView event(int seq, String type) {
    return new EventView(seq, type, null, null, null, AT);
  }

  // --- authentication and roles -------------------------------------------------------------

  @Test
  void noTokenIs401WithAChallenge() throws Exception {
    problem(mvc.perform(get("/api/v1/apps")), 401)
        .andExpect(header().string("WWW-Authenticate", "Bearer"))
        .andExpect(jsonPath("$.detail").value(containsString("Authorization")));
  }

  @Test
  void unknownTokenIs401() throws Exception {
    problem(mvc.perform(as("nope", get("/api/v1/apps"))), 401);
  }

  @Test
  void viewerReadsButMayNotDeployOrSteer() throws Exception {
    when(apps.summaries()).thenReturn(List.of(new AppSummary("shop", 1, AT, AT)));
    mvc.perform(as("viewer-t", get("/api/v1/apps")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].name").value("shop"));
    problem(mvc.perform(yamlDeploy("viewer-t", YAML)), 403)
        .andExpect(jsonPath("$.detail").value(containsString("DEPLOYER")));
    problem(mvc.perform(as("viewer-t", post("/api/v1/operations/x/pause"))), 403);
    verify(operations, never()).deploy(any(), any(), any(), any(), any(), any());
  }

  @Test
  void onlyAdminsManageTokensAndReadTheAudit() throws Exception {
    problem(mvc.perform(as("deployer-t", get("/api/v1/tokens"))), 403);
    problem(
        mvc.perform(
            as("deployer-t", post("/api/v1/tokens"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"role\":\"viewer\"}")),
        403);
    problem(mvc.perform(as("deployer-t", delete("/api/v1/tokens/1"))), 403);
    problem(mvc.perform(as("viewer-t", get("/api/v1/audit"))), 403);
  }

  // --- Spring's own errors as problem+json ----------------------------------------------------

  @Test
  void unknownPathIs404() throws Exception {
    problem(mvc.perform(as("viewer-t", get("/api/v1/nothing-here"))), 404);
  }

  @Test
  void wrongMethodIs405() throws Exception {
    problem(mvc.perform(as("admin-t", delete("/api/v1/operations"))), 405);
  }

  @Test
  void unsupportedContentTypeIs415() throws Exception {
    problem(
        mvc.perform(
            as("deployer-t", post("/api/v1/apps/shop/deployments"))
                .contentType(MediaType.TEXT_PLAIN)
                .content("x")),
        415);
  }

  @Test
  void unknownJsonFieldIs400NamingIt() throws Exception {
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"images\":{\"web\":\"a:1\"},\"imgs\":1}")), 400)
        .andExpect(jsonPath("$.detail").value("imgs: unknown field"))
        .andExpect(jsonPath("$.errors[0].path").value("imgs"));
  }

  @Test
  void malformedJsonIs400() throws Exception {
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"images\":")), 400)
        .andExpect(jsonPath("$.detail").value(containsString("malformed JSON")));
  }

  @Test
  void wrongJsonTypeIs400NamingThePath() throws Exception {
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"images\":{\"web\":[1]}}")), 400)
        .andExpect(jsonPath("$.errors[0].path").value("images.web"));
  }

  @Test
  void bodyOverTheLimitIs413() throws Exception {
    problem(mvc.perform(yamlDeploy("deployer-t", "#".repeat(256 * 1024 + 1))), 413);
  }

  @Test
  void aViewersMalformedWriteIsForbiddenBeforeItsBodyOrMediaTypeIsRead() throws Exception {
    problem(
            mvc.perform(
                as("viewer-t", post("/api/v1/apps/shop/deployments"))
                    .contentType(MediaType.TEXT_PLAIN)
                    .content("x")),
            403)
        .andExpect(jsonPath("$.detail").value(containsString("needs DEPLOYER")));
    problem(mvc.perform(jsonDeploy("viewer-t", "{not json")), 403);
    problem(
        mvc.perform(
            as("viewer-t", post("/api/v1/apps/Not_A_Label/scale"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")),
        403);
    verify(operations, never()).deploy(any(), any(), any(), any(), any(), any());
  }

  @Test
  void aComposeFileThatIsNotUtf8IsRefusedNotRepairedAndNothingIsDeployed() throws Exception {
    byte[] latin1 =
        "services:\n  web:\n    image: caf\u00e9:1\n".getBytes(StandardCharsets.ISO_8859_1);
    problem(
            mvc.perform(
                as("deployer-t", post("/api/v1/apps/shop/deployments"))
                    .contentType("application/yaml")
                    .content(latin1)),
            400)
        .andExpect(jsonPath("$.errors[0].path").value("body"))
        .andExpect(jsonPath("$.detail").value(containsString("not UTF-8")))
        .andExpect(jsonPath("$.detail").value(containsString("at offset 31")));
    problem(
        mvc.perform(
            as("deployer-t", post("/api/v1/apps/shop/plan"))
                .contentType("application/yaml")
                .content(latin1)),
        400);
    verify(operations, never()).deploy(any(), any(), any(), any(), any(), any());
  }

  @Test
  void badQueryParameterTypeIs400() throws Exception {
    problem(mvc.perform(as("viewer-t", get("/api/v1/operations?limit=many"))), 400)
        .andExpect(jsonPath("$.detail").value(containsString("limit")));
  }

  // --- names and fields ----------------------------------------------------------------------

  @Test
  void appNameMustBeADnsLabel() throws Exception {
    problem(
            mvc.perform(
                as("deployer-t", post("/api/v1/apps/Shop_1/deployments"))
                    .contentType("application/yaml")
                    .content(YAML)),
            400)
        .andExpect(jsonPath("$.errors[0].path").value("app"));
    problem(mvc.perform(as("viewer-t", get("/api/v1/apps/UPPER"))), 400);
  }

  @Test
  void aHostsAddressMustBeAnIpAddressAndNothingIsRegistered() throws Exception {
    problem(
            mvc.perform(
                as("admin-t", post("/api/v1/hosts"))
                    .contentType("application/json")
                    .content(
                        "{\"name\":\"h9\",\"endpoint\":\"tcp://10.0.0.9:2376\","
                            + "\"address\":\"h9.lan\"}")),
            400)
        .andExpect(jsonPath("$.errors[0].path").value("address"))
        .andExpect(jsonPath("$.detail").value(containsString("not an IP address")));
    verifyNoInteractions(hostRegistry);
  }

  @Test
  void serviceNameInImagesMustBeAServiceName() throws Exception {
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"images\":{\"Web_1\":\"a:1\"}}")), 400)
        .andExpect(jsonPath("$.errors[0].path").value("images.Web_1"));
  }

  @Test
  void imagesAreRequiredAndNonBlank() throws Exception {
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"reason\":\"x\"}")), 400)
        .andExpect(jsonPath("$.errors[0].path").value("compose"));
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"images\":{\"web\":\" \"}}")), 400)
        .andExpect(jsonPath("$.errors[0].path").value("images.web"));
  }

  @Test
  void unknownServiceInImagesIs422NamingIt() throws Exception {
    when(apps.latestYaml("shop")).thenReturn(Optional.of(YAML));
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"images\":{\"db\":\"pg:15\"}}")), 422)
        .andExpect(jsonPath("$.errors[0].path").value("images.db"));
  }

  @Test
  void imageDeployOfAnAppNeverDeployedIs404() throws Exception {
    when(apps.latestYaml("shop")).thenReturn(Optional.empty());
    problem(mvc.perform(jsonDeploy("deployer-t", "{\"images\":{\"web\":\"a:1\"}}")), 404);
  }

  @Test
  void badComposeIs422() throws Exception {
    problem(mvc.perform(yamlDeploy("deployer-t", "services:\n  web:\n    build: .\n")), 422)
        .andExpect(jsonPath("$.errors[0].path").exists());
  }

  // --- deploys -------------------------------------------------------------------------------

  @Test
  void imageDeployReplacesOnlyTheImagesAndKeepsTheRestOfTheFile() throws Exception {
    when(apps.latestYaml("shop")).thenReturn(Optional.of(YAML));
    mvc.perform(
            jsonDeploy(
                "deployer-t", "{\"images\":{\"web\":\"reg/web:v2\"},\"reason\":\"release 2\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("QUEUED"))
        .andExpect(jsonPath("$.links.temporalUi").value(containsString("http://temporal-ui/")));
    ArgumentCaptor<String> yaml = ArgumentCaptor.forClass(String.class);
    verify(operations)
        .deploy(any(), yaml.capture(), anyString(), eq("ci"), eq("release 2"), isNull());
    assertThat(yaml.getValue())
        .isEqualTo(YAML.replace("reg/web:v1", "\"reg/web:v2\""))
        .contains("# pinned", "image: \"reg/worker:v1\"");
  }

  @Test
  void yamlDeployTakesTheReasonFromTheQuery() throws Exception {
    mvc.perform(yamlDeploy("deployer-t", YAML).param("reason", "hotfix"))
        .andExpect(status().isAccepted())
        .andExpect(
            header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/operations/")))
        .andExpect(jsonPath("$.links.events").exists());
    verify(operations).deploy(any(), eq(YAML), anyString(), eq("ci"), eq("hotfix"), isNull());
  }

  // --- idempotency ---------------------------------------------------------------------------

  @Test
  void sameKeyAndBodyReplaysTheSameOperation() throws Exception {
    String first =
        mvc.perform(yamlDeploy("deployer-t", YAML).header("Idempotency-Key", "k-same"))
            .andExpect(status().isAccepted())
            .andReturn()
            .getResponse()
            .getContentAsString();
    mvc.perform(yamlDeploy("deployer-t", YAML).header("Idempotency-Key", "k-same"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(content().json(first));
    verify(operations, times(1))
        .deploy(any(), anyString(), anyString(), anyString(), any(), eq("ci/k-same"));
  }

  @Test
  void sameKeyWithAnotherBodyIs409() throws Exception {
    mvc.perform(yamlDeploy("deployer-t", YAML).header("Idempotency-Key", "k-diff"))
        .andExpect(status().isAccepted());
    problem(
            mvc.perform(
                yamlDeploy("deployer-t", YAML.replace("v1", "v2"))
                    .header("Idempotency-Key", "k-diff")),
            409)
        .andExpect(jsonPath("$.detail").value(containsString("Idempotency-Key")));
  }

  @Test
  void keysAreScopedPerCaller() throws Exception {
    mvc.perform(yamlDeploy("deployer-t", YAML).header("Idempotency-Key", "k-scope"))
        .andExpect(status().isAccepted());
    mvc.perform(
            yamlDeploy("admin-t", YAML.replace("v1", "v3")).header("Idempotency-Key", "k-scope"))
        .andExpect(status().isAccepted())
        .andExpect(header().doesNotExist("Idempotent-Replayed"));
  }

  @Test
  void failedAnswersAreNotStoredSoACorrectedRetryWorks() throws Exception {
    problem(
        mvc.perform(
            yamlDeploy("deployer-t", "services: {web: {build: .}}")
                .header("Idempotency-Key", "k-fix")),
        422);
    mvc.perform(yamlDeploy("deployer-t", YAML).header("Idempotency-Key", "k-fix"))
        .andExpect(status().isAccepted());
  }

  // --- operations ----------------------------------------------------------------------------

  @Test
  void operationListValidatesItsFilters() throws Exception {
    problem(mvc.perform(as("viewer-t", get("/api/v1/operations?status=DONE"))), 400)
        .andExpect(jsonPath("$.errors[0].path").value("status"));
    problem(mvc.perform(as("viewer-t", get("/api/v1/operations?limit=0"))), 400)
        .andExpect(jsonPath("$.errors[0].path").value("limit"));
    problem(mvc.perform(as("viewer-t", get("/api/v1/operations?app=No_Way"))), 400)
        .andExpect(jsonPath("$.errors[0].path").value("app"));
  }

  @Test
  void operationListCarriesLinks() throws Exception {
    when(reads.newest("shop", OperationStatus.RUNNING, Limit.of(5)))
        .thenReturn(List.of(operation("op-1", "RUNNING")));
    mvc.perform(as("viewer-t", get("/api/v1/operations?app=shop&status=RUNNING&limit=5")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value("op-1"))
        .andExpect(jsonPath("$[0].links.temporalUi").value(containsString("run-1")));
  }

  @Test
  void unknownOperationIs404() throws Exception {
    problem(mvc.perform(as("viewer-t", get("/api/v1/operations/nope"))), 404);
    problem(mvc.perform(as("viewer-t", get("/api/v1/operations/nope/events"))), 404);
    problem(mvc.perform(as("deployer-t", post("/api/v1/operations/nope/abort"))), 404);
  }

  @Test
  void badWaitIs400() throws Exception {
    when(reads.row("op-w")).thenReturn(Optional.of(operation("op-w", "RUNNING")));
    problem(mvc.perform(as("viewer-t", get("/api/v1/operations/op-w?wait=soon"))), 400)
        .andExpect(jsonPath("$.errors[0].path").value("wait"));
  }

  @Test
  void steeringAnEndedOperationIs409() throws Exception {
    when(reads.row("op-done")).thenReturn(Optional.of(operation("op-done", "SUCCEEDED")));
    problem(mvc.perform(as("deployer-t", post("/api/v1/operations/op-done/pause"))), 409);
  }

  @Test
  void deployerMaySteer() throws Exception {
    when(reads.row("op-r")).thenReturn(Optional.of(operation("op-r", "RUNNING")));
    mvc.perform(as("deployer-t", post("/api/v1/operations/op-r/pause")))
        .andExpect(status().isAccepted());
    verify(operations).pause("deploy:shop:r2");
  }

  @Test
  void longPollAnswersWhenTheOperationEnds() throws Exception {
    when(reads.row("op-lp")).thenReturn(Optional.of(operation("op-lp", "SUCCEEDED")));
    when(reads.status("op-lp"))
        .thenReturn(
            Optional.of(OperationStatus.RUNNING),
            Optional.of(OperationStatus.RUNNING),
            Optional.of(OperationStatus.SUCCEEDED));
    MvcResult started =
        mvc.perform(as("viewer-t", get("/api/v1/operations/op-lp?wait=30s")))
            .andExpect(request().asyncStarted())
            .andReturn();
    long t0 = System.nanoTime();
    mvc.perform(asyncDispatch(started))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("SUCCEEDED"));
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void eventStreamSendsEventsThenTheTerminalStatus() throws Exception {
    when(reads.row("op-s")).thenReturn(Optional.of(operation("op-s", "SUCCEEDED")));
    when(reads.status("op-s"))
        .thenReturn(Optional.of(OperationStatus.RUNNING), Optional.of(OperationStatus.SUCCEEDED));
    when(reads.events(eq("op-s"), anyLong()))
        .thenReturn(
            List.of(event(1, "started"), event(2, "batch")),
            List.of(event(3, "succeeded")),
            List.of());
    MvcResult started =
        mvc.perform(
                as("viewer-t", get("/api/v1/operations/op-s/events"))
                    .accept(MediaType.TEXT_EVENT_STREAM))
            .andExpect(request().asyncStarted())
            .andReturn();
    started.getAsyncResult(10_000);
    String body = started.getResponse().getContentAsString();
    assertThat(body)
        .contains("id:1\nevent:event\n", "id:3\nevent:event\n", "event:status\n")
        .contains("\"status\":\"SUCCEEDED\"");
    assertThat(body.indexOf("event:status")).isGreaterThan(body.indexOf("id:3"));
  }

  // --- tokens --------------------------------------------------------------------------------

  private MockHttpServletRequestBuilder newToken(String json) {
    return as("admin-t", post("/api/v1/tokens"))
        .contentType(MediaType.APPLICATION_JSON)
        .content(json);
  }

  @Test
  void tokenIsIssuedOnceAndNotCached() throws Exception {
    when(tokens.issue("ci-1", ApiRole.DEPLOYER))
        .thenReturn(new IssuedToken(7, "ci-1", "deployer", "s3cret"));
    mvc.perform(newToken("{\"name\":\"ci-1\",\"role\":\"deployer\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Cache-Control", containsString("no-store")))
        .andExpect(jsonPath("$.token").value("s3cret"))
        .andExpect(jsonPath("$.id").value(7));
  }

  @Test
  void aTokenSecretIsNeverReplayed() throws Exception {
    when(tokens.issue("ci-2", ApiRole.VIEWER))
        .thenReturn(new IssuedToken(8, "ci-2", "viewer", "s3cret"));
    String json = "{\"name\":\"ci-2\",\"role\":\"viewer\"}";
    mvc.perform(newToken(json).header("Idempotency-Key", "t-1")).andExpect(status().isCreated());
    problem(mvc.perform(newToken(json).header("Idempotency-Key", "t-1")), 409)
        .andExpect(content().string(org.hamcrest.Matchers.not(containsString("s3cret"))));
  }

  @Test
  void tokenFieldsAreChecked() throws Exception {
    problem(mvc.perform(newToken("{\"name\":\"ci\",\"role\":\"god\"}")), 400)
        .andExpect(jsonPath("$.errors[0].path").value("role"));
    problem(mvc.perform(newToken("{\"name\":\"CI BOT\",\"role\":\"viewer\"}")), 400)
        .andExpect(jsonPath("$.errors[0].path").value("name"));
    problem(mvc.perform(newToken("{\"name\":\"ci\",\"role\":\"viewer\",\"secret\":\"x\"}")), 400)
        .andExpect(jsonPath("$.errors[0].path").value("secret"));
    when(tokens.nameTaken("taken")).thenReturn(true);
    problem(mvc.perform(newToken("{\"name\":\"taken\",\"role\":\"viewer\"}")), 409);
  }

  @Test
  void tokensAreListedWithoutSecretsAndRevoked() throws Exception {
    when(tokens.list()).thenReturn(List.of(new TokenView(1, "ci", "viewer", AT, null, null)));
    mvc.perform(as("admin-t", get("/api/v1/tokens")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].name").value("ci"))
        .andExpect(jsonPath("$[0].token").doesNotExist());
    when(tokens.revoke(1)).thenReturn(true);
    mvc.perform(as("admin-t", delete("/api/v1/tokens/1"))).andExpect(status().isNoContent());
    problem(mvc.perform(as("admin-t", delete("/api/v1/tokens/2"))), 404);
  }

  // --- audit and request ids -----------------------------------------------------------------

  @Test
  void everyWriteIsAuditedWithItsOutcomeAndRequestId() throws Exception {
    mvc.perform(yamlDeploy("viewer-t", YAML).header("X-Request-Id", "req-42"))
        .andExpect(status().isForbidden())
        .andExpect(header().string("X-Request-Id", "req-42"));
    verify(audit)
        .record(
            eq("req-42"),
            eq("eyes"),
            eq("POST"),
            eq("/api/v1/apps/shop/deployments"),
            anyString(),
            eq(403));
    mvc.perform(post("/api/v1/tokens")).andExpect(status().isUnauthorized());
    verify(audit).record(anyString(), isNull(), eq("POST"), eq("/api/v1/tokens"), any(), eq(401));
  }

  @Test
  void readsAreNotAuditedButGetARequestId() throws Exception {
    mvc.perform(as("viewer-t", get("/api/v1/apps"))).andExpect(header().exists("X-Request-Id"));
    verify(audit, never()).record(any(), any(), eq("GET"), any(), any(), anyInt());
  }

  @Test
  void auditIsQueryableByTarget() throws Exception {
    when(audit.recent("apps/shop", 10))
        .thenReturn(
            List.of(
                new AuditEntry(
                    1, "req-1", "ci", "POST", "POST deployments", "apps/shop", null, 202, AT)));
    mvc.perform(as("admin-t", get("/api/v1/audit?target=apps/shop&limit=10")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].target").value("apps/shop"));
    problem(mvc.perform(as("admin-t", get("/api/v1/audit?limit=5000"))), 400);
  }
}
