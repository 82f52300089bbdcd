package dev.baton.service.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.baton.activities.state.StateJson;
import dev.baton.service.apps.AppHeader;
import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.apps.InstanceView;
import dev.baton.service.apps.RevisionRow;
import dev.baton.service.spec.ComposeParser;
import dev.baton.service.spec.ParsedApp;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.ports.StateActivities;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private final ComposeParser parser = new ComposeParser();
  private final AppReadRepository apps = mock(AppReadRepository.class);
  private final StateActivities state = mock(StateActivities.class);
  private final Planner planner = new Planner(apps, state);

  private static final List<Host> HOSTS =
      List.of(
          new Host("h1", "tcp://h1", "10.0.0.1", Map.of("zone", "a"), 2, 0),
          new Host("h2", "tcp://h2", "10.0.0.2", Map.of("zone", "b"), 2, 0),
          new Host("h3", "tcp://h3", "10.0.0.3", Map.of("zone", "b"), 2, 0));

  @Test
  void aFirstDeployAddsEverySlotSpreadOverTheHosts() {
    when(state.readyHosts()).thenReturn(HOSTS);
    ParsedApp parsed =
        parser.parse(
            "shop",
            """
            services:
              web:
                image: web:1
                deploy: {replicas: 3}
              agent:
                image: agent:1
                deploy:
                  mode: global
                  placement: {constraints: [node.labels.zone==b]}
            """);
    Plan plan = planner.plan("shop", GlobalServices.resolve(parsed, HOSTS));
    assertThat(plan.currentRevision()).isNull();
    assertThat(plan.revision()).isEqualTo(1);
    assertThat(plan.changes()).extracting(Plan.ServiceChange::change).containsOnly("added");
    assertThat(plan.services().get(0).slots())
        .extracting(Plan.SlotMove::action, Plan.SlotMove::toHost)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("add", "h1"),
            org.assertj.core.groups.Tuple.tuple("add", "h2"),
            org.assertj.core.groups.Tuple.tuple("add", "h3"));
    Plan.ServicePlan agent = plan.services().get(1);
    assertThat(agent.global()).isTrue();
    assertThat(agent.replicas()).isEqualTo(2);
    assertThat(agent.slots()).extracting(Plan.SlotMove::toHost).containsExactly("h2", "h3");
    assertThat(plan.shortfalls()).isEmpty();
  }

  @Test
  void aChangeReplacesInPlaceRemovesSurplusAndNamesWhatIsShort() {
    ParsedApp running =
        parser.parse(
            "shop",
            "services:\n  web:\n    image: web:1\n    deploy: {replicas: 3}\n"
                + "  old:\n    image: old:1\n");
    when(apps.header("shop")).thenReturn(Optional.of(new AppHeader("shop", 4, 4, NOW, NOW)));
    when(apps.revisions("shop"))
        .thenReturn(
            List.of(
                new RevisionRow(
                    4,
                    4,
                    running.digest(),
                    "ci",
                    null,
                    "succeeded",
                    NOW,
                    StateJson.write(running.spec()),
                    null)));
    when(apps.instances("shop"))
        .thenReturn(
            List.of(
                instance("web", 1, "h3"),
                instance("web", 2, "h1"),
                instance("web", 3, "h2"),
                instance("old", 1, "h1")));
    when(state.readyHosts()).thenReturn(HOSTS);
    ParsedApp next =
        parser.parse(
            "shop",
            """
            services:
              web:
                image: web:2
                deploy:
                  replicas: 2
                  resources: {reservations: {cpus: "1.5"}}
              big:
                image: big:1
                deploy:
                  resources: {reservations: {cpus: "3"}}
            """);
    Plan plan = planner.plan("shop", next);
    assertThat(plan.revision()).isEqualTo(5);
    assertThat(plan.unchanged()).isFalse();
    Plan.ServiceChange web = plan.changes().get(0);
    assertThat(web.change()).isEqualTo("changed");
    assertThat(web.fields())
        .extracting(Plan.FieldChange::field)
        .containsExactly("image", "replicas", "resources");
    assertThat(web.fields().get(0).before()).isEqualTo("web:1");
    assertThat(web.fields().get(0).after()).isEqualTo("web:2");
    assertThat(plan.services().get(0).slots())
        .extracting(
            Plan.SlotMove::slot,
            Plan.SlotMove::action,
            Plan.SlotMove::fromHost,
            Plan.SlotMove::toHost)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "replace", "h3", "h3"),
            org.assertj.core.groups.Tuple.tuple(2, "replace", "h1", "h1"),
            org.assertj.core.groups.Tuple.tuple(3, "remove", "h2", null));
    assertThat(plan.shortfalls()).hasSize(1);
    assertThat(plan.shortfalls().get(0)).contains("no host can take big slot 1");
    assertThat(plan.services()).extracting(Plan.ServicePlan::service).endsWith("old");
    assertThat(plan.changes()).extracting(Plan.ServiceChange::change).endsWith("removed");
  }

  private static InstanceView instance(String service, int slot, String host) {
    return new InstanceView(
        service,
        4,
        slot,
        host,
        "id" + slot,
        "shop-" + service + "-r4-" + slot,
        "running",
        "healthy",
        null,
        null,
        true,
        NOW);
  }
}
