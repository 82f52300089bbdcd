package dev.baton.activities.docker;

import dev.baton.activities.ServingBook.Endpoint;
import java.util.List;
import java.util.SortedSet;

/**
 * The HAProxy configuration of one service's balancer on one host: a TCP frontend per container
 * port, balancing round-robin over every instance in service on any host. Rendered whole from the
 * serving book at each change, so it never depends on an earlier change having been applied.
 */
final class HaproxyConfig {

  /** Where the balancer container reads it. */
  static final String DIRECTORY = "/etc/haproxy";

  static final String FILE = "baton.cfg";

  private HaproxyConfig() {}

  static String render(String app, String service, SortedSet<Integer> targets, List<Endpoint> in) {
    StringBuilder out = new StringBuilder();
    out.append("# Baton: balancer of ").append(app).append('/').append(service).append('\n');
    out.append(
        """
        global
          # Old workers of a reload finish their connections, but never hold on for more than this.
          hard-stop-after 60s
        defaults
          mode tcp
          timeout connect 2s
          timeout client 60s
          timeout server 60s
          # A connection refused by an instance that just went away is tried again on another.
          retries 3
          option redispatch 1
          default-server inter 1s fall 2 rise 1
        """);
    for (int target : targets) {
      out.append("frontend p").append(target).append('\n');
      out.append("  bind :").append(target).append('\n');
      out.append("  default_backend s").append(target).append('\n');
      out.append("backend s").append(target).append('\n');
      out.append("  balance roundrobin\n");
      in.stream()
          .filter(e -> e.target() == target)
          .map(Endpoint::address)
          .distinct()
          .sorted()
          .forEach(
              address ->
                  out.append("  server i-")
                      .append(address.replace(':', '-'))
                      .append(' ')
                      .append(address)
                      .append(" check\n"));
    }
    return out.toString();
  }
}
