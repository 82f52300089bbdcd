package dev.baton.service.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.activities.state.StateJson;
import dev.baton.service.apps.AppHeader;
import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.apps.PublishedPortConflicts;
import dev.baton.service.apps.RevisionRow;
import dev.baton.service.spec.ParsedApp;
import dev.baton.workflows.instance.Scheduler;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Host;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.ports.StateActivities;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Works out a {@link Plan} the way a deploy would go: services in rollout order, every slot placed
 * by the same {@link Scheduler} the rollout uses, over the ready hosts and the instances Baton last
 * saw, each placement counted before the next as the rollout would. Reads only.
 */
@Component
public class Planner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AppReadRepository apps;
  private final StateActivities state;

  public Planner(AppReadRepository apps, StateActivities state) {
    this.apps = apps;
    this.state = state;
  }

  /** The ready hosts, as placement sees them. */
  public List<Host> readyHosts() {
    return state.readyHosts();
  }

  /** The plan; a fixed host port another app publishes is the 409 a deploy would get. */
  public Plan plan(String app, ParsedApp parsed) {
    AppSpec target = parsed.spec();
    PublishedPortConflicts.check(target, apps.publishedTcpPortsOfOtherApps(app));
    AppHeader header = apps.header(app).orElse(null);
    Integer current = header == null ? null : header.currentRevision();
    RevisionRow running = null;
    if (current != null) {
      running =
          apps.revisions(app).stream().filter(r -> r.number() == current).findFirst().orElse(null);
    }
    AppSpec before = running == null ? null : StateJson.readSpec(running.spec());
    int next = header == null || header.latestRevision() == null ? 1 : header.latestRevision() + 1;

    List<Host> hosts = state.readyHosts();
    List<Instance> fleet = new ArrayList<>();
    apps.instances(app)
        .forEach(
            i ->
                fleet.add(
                    new Instance(
                        app,
                        i.service(),
                        i.revision(),
                        i.slot(),
                        i.host(),
                        i.containerId(),
                        i.containerName(),
                        i.state(),
                        i.health(),
                        i.address())));
    Scheduler.Context context = Scheduler.Context.read(target, app, state);
    List<Plan.ServicePlan> services = new ArrayList<>();
    List<String> shortfalls = new ArrayList<>();
    for (ServiceSpec service : target.services()) {
      services.add(place(app, next, service, hosts, fleet, context, shortfalls));
    }
    if (before != null) {
      for (ServiceSpec old : before.services()) {
        if (target.service(old.name()) == null) {
          List<Plan.SlotMove> removed = new ArrayList<>();
          fleet.stream()
              .filter(i -> i.service().equals(old.name()))
              .forEach(i -> removed.add(new Plan.SlotMove(i.slot(), "remove", i.host())));
          services.add(new Plan.ServicePlan(old.name(), 0, old.global(), old.update(), removed));
        }
      }
    }
    return new Plan(
        app,
        current,
        next,
        parsed.digest(),
        running != null && parsed.digest().equals(running.digest()),
        changes(before, target),
        services,
        shortfalls,
        parsed.warnings(),
        target,
        parsed.resolved());
  }

  /** Each slot of one service, placed in order as its rollout would place them. */
  private Plan.ServicePlan place(
      String app,
      int revision,
      ServiceSpec service,
      List<Host> hosts,
      List<Instance> fleet,
      Scheduler.Context context,
      List<String> shortfalls) {
    List<Plan.SlotMove> slots = new ArrayList<>();
    for (int slot = 1; slot <= service.replicas(); slot++) {
      int s = slot;
      Instance old =
          fleet.stream()
              .filter(i -> i.service().equals(service.name()) && i.slot() == s)
              .findFirst()
              .orElse(null);
      String from = old == null ? null : old.host();
      Scheduler.Choice choice = Scheduler.place(hosts, service, slot, fleet, from, context);
      slots.add(
          new Plan.SlotMove(
              slot,
              old == null ? "add" : "replace",
              from,
              choice.host(),
              choice.reason(),
              volumes(service, slot, choice.host(), context)));
      if (choice.host() == null) {
        shortfalls.add(choice.reason());
        continue;
      }
      fleet.removeIf(i -> i.service().equals(service.name()) && i.slot() == s);
      fleet.add(
          new Instance(
              app,
              service.name(),
              revision,
              slot,
              choice.host(),
              null,
              Instance.containerName(app, service.name(), revision, slot),
              "running",
              null,
              null));
    }
    for (Iterator<Instance> it = fleet.iterator(); it.hasNext(); ) {
      Instance i = it.next();
      if (i.service().equals(service.name()) && i.slot() > service.replicas()) {
        slots.add(new Plan.SlotMove(i.slot(), "remove", i.host()));
        it.remove();
      }
    }
    return new Plan.ServicePlan(
        service.name(), service.replicas(), service.global(), service.update(), slots);
  }

  /**
   * The slot's named volumes and their hosts; one not made yet is pinned in {@code context} to the
   * chosen host, as the rollout would pin it, so the slots after it follow.
   */
  private static List<Plan.VolumePin> volumes(
      ServiceSpec service, int slot, @Nullable String host, Scheduler.Context context) {
    List<Plan.VolumePin> pins = new ArrayList<>();
    for (Mount mount : service.namedVolumes()) {
      String pinned = context.volumeHost(mount, slot);
      if (pinned == null && host != null) {
        context.volumes().put(mount.key(slot), host);
      }
      if (pinned != null || host != null) {
        pins.add(
            new Plan.VolumePin(mount.key(slot), pinned != null ? pinned : host, pinned == null));
      }
    }
    return pins;
  }

  /** Service by service, which keys of the spec differ from the running revision. */
  static List<Plan.ServiceChange> changes(@Nullable AppSpec before, AppSpec after) {
    List<Plan.ServiceChange> out = new ArrayList<>();
    for (ServiceSpec s : after.services()) {
      ServiceSpec old = before == null ? null : before.service(s.name());
      if (old == null) {
        out.add(new Plan.ServiceChange(s.name(), "added", List.of()));
        continue;
      }
      List<Plan.FieldChange> fields = fieldChanges(old, s);
      out.add(new Plan.ServiceChange(s.name(), fields.isEmpty() ? "unchanged" : "changed", fields));
    }
    if (before != null) {
      for (ServiceSpec old : before.services()) {
        if (after.service(old.name()) == null) {
          out.add(new Plan.ServiceChange(old.name(), "removed", List.of()));
        }
      }
    }
    return out;
  }

  private static List<Plan.FieldChange> fieldChanges(ServiceSpec before, ServiceSpec after) {
    JsonNode a = JSON.valueToTree(before);
    JsonNode b = JSON.valueToTree(after);
    Set<String> keys = new LinkedHashSet<>();
    a.fieldNames().forEachRemaining(keys::add);
    b.fieldNames().forEachRemaining(keys::add);
    List<Plan.FieldChange> out = new ArrayList<>();
    for (String key : keys) {
      JsonNode x = a.get(key);
      JsonNode y = b.get(key);
      if (!Objects.equals(x, y)) {
        out.add(new Plan.FieldChange(key, text(x), text(y)));
      }
    }
    return out;
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node == null || node.isNull()
        ? null
        : node.isTextual() ? node.asText() : node.toString();
  }
}
