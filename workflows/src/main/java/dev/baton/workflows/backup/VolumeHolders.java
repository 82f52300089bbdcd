package dev.baton.workflows.backup;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Instance;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who holds an app's named volume, by its key ({@code data}, or {@code data-2} for slot 2's own
 * volume): the services of a spec that mount it, and their instances. They all live on the volume's
 * host, since it pins them there.
 */
public final class VolumeHolders {

  /** One instance that mounts the volume, with its service and the mount. */
  public record Holder(ServiceSpec service, Mount mount, Instance instance) {
    public String volumeName() {
      return mount.dockerName(instance.slot());
    }
  }

  private VolumeHolders() {}

  /** The mount of {@code volume} in {@code spec} (the first service's), or null if none has it. */
  public static Mount mountOf(AppSpec spec, String volume) {
    for (ServiceSpec service : spec.services()) {
      for (Mount mount : service.namedVolumes()) {
        if (mounts(mount, volume)) {
          return mount;
        }
      }
    }
    return null;
  }

  /** The instances in {@code seen} that mount {@code volume}, by service and slot. */
  public static List<Holder> of(AppSpec spec, String volume, List<Instance> seen) {
    List<Holder> out = new ArrayList<>();
    for (ServiceSpec service : spec.services()) {
      for (Mount mount : service.namedVolumes()) {
        for (Instance i : seen) {
          if (i.service().equals(service.name()) && mount.key(i.slot()).equals(volume)) {
            out.add(new Holder(service, mount, i));
          }
        }
      }
    }
    out.sort(
        Comparator.comparing((Holder h) -> h.instance().service())
            .thenComparingInt(h -> h.instance().slot()));
    return out;
  }

  /** True when {@code mount} makes the volume keyed {@code volume} (for some slot). */
  private static boolean mounts(Mount mount, String volume) {
    if (!mount.perSlot()) {
      return mount.source().equals(volume);
    }
    String prefix = mount.source() + "-";
    return volume.startsWith(prefix) && volume.substring(prefix.length()).matches("[0-9]+");
  }
}
