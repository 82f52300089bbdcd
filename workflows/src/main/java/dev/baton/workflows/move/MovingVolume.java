package dev.baton.workflows.move;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A named volume pinned to the host being drained, with the (first) service of the spec that mounts
 * it and the slot it belongs to (0 unless one per slot): the service's image is present where the
 * volume is, so the throwaway containers of the copy use it.
 */
record MovingVolume(String key, ServiceSpec service, Mount mount, int slot) {

  String name() {
    return mount.dockerName(slot);
  }

  /** The volumes {@code pins} (key to host) put on {@code host} that a service of spec mounts. */
  static List<MovingVolume> on(AppSpec spec, Map<String, String> pins, String host) {
    List<MovingVolume> out = new ArrayList<>();
    pins.forEach(
        (key, where) -> {
          if (host.equals(where)) {
            MovingVolume v = of(spec, key);
            if (v != null) {
              out.add(v);
            }
          }
        });
    return out;
  }

  private static MovingVolume of(AppSpec spec, String key) {
    for (ServiceSpec service : spec.services()) {
      for (Mount mount : service.namedVolumes()) {
        if (!mount.perSlot() && mount.source().equals(key)) {
          return new MovingVolume(key, service, mount, 0);
        }
        String prefix = mount.source() + "-";
        if (mount.perSlot()
            && key.startsWith(prefix)
            && key.substring(prefix.length()).matches("[0-9]{1,9}")) {
          return new MovingVolume(
              key, service, mount, Integer.parseInt(key.substring(prefix.length())));
        }
      }
    }
    return null;
  }
}
