package dev.baton.service.apps;

import dev.baton.service.api.ApiException;
import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.ServiceSpec;
import java.util.List;

/**
 * A fixed TCP host port belongs to one app's balancers on every host: a deploy that publishes one
 * another app already publishes is a 409 naming the port's key and the other app, and changes
 * nothing.
 */
public final class PublishedPortConflicts {

  private PublishedPortConflicts() {}

  /** {@code taken}: the ports the other apps publish. */
  public static void check(AppSpec spec, List<AppReadRepository.PublishedPort> taken) {
    for (ServiceSpec service : spec.services()) {
      List<PortSpec> ports = service.ports() == null ? List.of() : service.ports();
      for (int i = 0; i < ports.size(); i++) {
        PortSpec port = ports.get(i);
        if (port.published() <= 0 || "udp".equals(port.protocol())) {
          continue;
        }
        for (AppReadRepository.PublishedPort other : taken) {
          if (other.getPublished() == port.published()
              && overlap(other.getHostIp(), port.hostIp())) {
            throw ApiException.conflict(
                "services." + service.name() + ".ports[" + i + "]",
                "host port "
                    + port.published()
                    + " is already published by app "
                    + other.getApp()
                    + " (service "
                    + other.getService()
                    + "); a published port answers on every host, for one app");
          }
        }
      }
    }
  }

  /** Two bindings of one port collide unless both name different addresses. */
  private static boolean overlap(String a, String b) {
    return a == null || a.isBlank() || b == null || b.isBlank() || a.equals(b);
  }
}
