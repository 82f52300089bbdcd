package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's {@code ports}, in short and long syntax, and the host ports the app publishes. */
final class PortsBuilder {

  private static final Pattern PORT_SHORT =
      Pattern.compile(
          "(?:(?:(\\[[0-9a-fA-F:.]+\\]|[0-9.]+|[a-zA-Z0-9.-]+):)?([0-9-]*):)?([0-9-]+)(?:/([a-z]+))?");

  private static final Pattern EXPOSE =
      Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?(?:/(tcp|udp))?");
  private static final int MAX_EXPOSED_RANGE = 100;
  private static final int MAX_RANGE = 100;

  private final ComposeProblems problems;

  PortsBuilder(ComposeProblems problems) {
    this.problems = problems;
  }

  List<PortSpec> ports(
      String path, JsonNode node, int replicas, UpdatePolicy update, UpdatePolicy rollback) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.error(path, "must be a list");
      return List.of();
    }
    List<PortSpec> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String p = path + "[" + i + "]";
      for (PortSpec port : ports(p, node.get(i))) {
        check(p, port, replicas, update, rollback);
        out.add(port);
      }
    }
    return List.copyOf(out);
  }

  /**
   * A fixed TCP port is published by the service's balancers, whatever the replicas; a UDP port is
   * not balanced, so only one instance may hold it at a time.
   */
  private void check(
      String p, PortSpec port, int replicas, UpdatePolicy update, UpdatePolicy rollback) {
    if (port.published() != 0
        && "udp".equals(port.protocol())
        && (replicas != 1
            || update.order() != UpdatePolicy.Order.STOP_FIRST
            || rollback.order() != UpdatePolicy.Order.STOP_FIRST)) {
      problems.error(
          p,
          "fixed UDP host port "
              + port.published()
              + " is only allowed with deploy.replicas: 1 and order: stop-first in"
              + " update_config and rollback_config, since UDP ports are not balanced and two"
              + " instances cannot bind the same host port; give only the container port ("
              + port.target()
              + "/udp) to publish each instance on a free host port");
    }
  }

  /**
   * Compose's {@code expose}: container ports other services reach but no host publishes. Each
   * becomes a port of the service with no published port, balanced on the app's networks like a
   * port given without a host port; one already in {@code ports} is not repeated.
   */
  List<PortSpec> withExposed(String path, JsonNode node, List<PortSpec> ports) {
    if (node == null || node.isNull()) {
      return ports;
    }
    if (!node.isArray()) {
      problems.error(path, "must be a list of container ports");
      return ports;
    }
    List<PortSpec> out = new ArrayList<>(ports);
    for (int i = 0; i < node.size(); i++) {
      String p = path + "[" + i + "]";
      Matcher m = EXPOSE.matcher(node.get(i).asText().trim());
      if (!node.get(i).isValueNode() || !m.matches()) {
        problems.error(
            p, "'" + node.get(i).asText() + "' is not a container port such as 3000 or 53/udp");
        continue;
      }
      int first = Integer.parseInt(m.group(1));
      int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
      String protocol = m.group(3) == null ? "tcp" : m.group(3);
      if (first < 1 || last > 65535 || last < first || last - first >= MAX_EXPOSED_RANGE) {
        problems.error(
            p, "ports must be 1 to 65535, a range at most " + MAX_EXPOSED_RANGE + " long");
        continue;
      }
      for (int port = first; port <= last; port++) {
        int target = port;
        if (out.stream().noneMatch(x -> x.target() == target && x.protocol().equals(protocol))) {
          out.add(new PortSpec(target, 0, "", protocol));
        }
      }
    }
    return List.copyOf(out);
  }

  /** One entry of ports: one port, or each port of a range ({@code 8100-8105:8100-8105}). */
  private List<PortSpec> ports(String p, JsonNode item) {
    if (item.isTextual()) {
      Matcher m = PORT_SHORT.matcher(item.asText().trim());
      if (m.matches() && m.group(3).contains("-")) {
        return range(p, m);
      }
    }
    PortSpec port = port(p, item);
    return port == null ? List.of() : List.of(port);
  }

  /**
   * A range: container ports {@code a-b}, published on the same count of host ports ({@code c-d})
   * or, without host ports, each on one the engine picks; at most {@value #MAX_RANGE} ports.
   */
  private List<PortSpec> range(String p, Matcher m) {
    int[] target = bounds(m.group(3));
    int[] host = m.group(2) == null || m.group(2).isEmpty() ? null : bounds(m.group(2));
    String protocol = protocol(p, m.group(4));
    String hostIp = m.group(1) == null ? "" : m.group(1).replaceAll("^\\[|\\]$", "");
    int count = target == null ? 0 : target[1] - target[0] + 1;
    if (target == null
        || count < 1
        || count > MAX_RANGE
        || (m.group(2) != null
            && !m.group(2).isEmpty()
            && (host == null || host[1] - host[0] + 1 != count))) {
      problems.error(
          p,
          "'"
              + m.group()
              + "' is not a port range Baton takes: container ports a-b (1 to 65535, at most "
              + MAX_RANGE
              + "), published on as many host ports or none");
      return List.of();
    }
    List<PortSpec> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new PortSpec(target[0] + i, host == null ? 0 : host[0] + i, hostIp, protocol));
    }
    return out;
  }

  private static int[] bounds(String range) {
    String[] parts = range.split("-", -1);
    try {
      int a = Integer.parseInt(parts[0]);
      int b = parts.length == 2 ? Integer.parseInt(parts[1]) : a;
      return parts.length <= 2 && a >= 1 && b <= 65535 && a <= b ? new int[] {a, b} : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private PortSpec port(String p, JsonNode item) {
    if (item.isIntegralNumber()) {
      int target = item.asInt();
      if (!item.canConvertToInt() || target < 1 || target > 65535) {
        problems.error(p, "container port must be between 1 and 65535");
        return null;
      }
      return new PortSpec(target, 0, "", "tcp");
    }
    if (item.isTextual()) {
      String text = item.asText().trim();
      Matcher m = PORT_SHORT.matcher(text);
      if (!m.matches()) {
        problems.error(
            p,
            "'"
                + text
                + "' is not a port mapping ([[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL])");
        return null;
      }
      String hostIp = m.group(1) == null ? "" : m.group(1);
      if (hostIp.startsWith("[")) {
        hostIp = hostIp.substring(1, hostIp.length() - 1);
      }
      Integer published =
          m.group(2) == null || m.group(2).isEmpty()
              ? Integer.valueOf(0)
              : portNumber(p, m.group(2), "host port");
      Integer target = portNumber(p, m.group(3), "container port");
      String protocol = protocol(p, m.group(4));
      if (published == null || target == null || protocol == null) {
        return null;
      }
      return new PortSpec(target, published, hostIp, protocol);
    }
    if (item.isObject()) {
      JsonNode t = item.get("target");
      Integer target = null;
      if (t == null || t.isNull()) {
        problems.error(p + ".target", "is required");
      } else {
        target = portValue(p + ".target", t, "container port");
      }
      Integer published = 0;
      JsonNode pub = item.get("published");
      if (pub != null && !pub.isNull() && !(pub.isTextual() && pub.asText().isEmpty())) {
        published = portValue(p + ".published", pub, "host port");
      }
      String hostIp = "";
      JsonNode ip = item.get("host_ip");
      if (ip != null && !ip.isNull()) {
        if (!ip.isTextual()) {
          problems.error(p + ".host_ip", "must be a string");
        } else {
          hostIp = ip.asText();
        }
      }
      String protocol = "tcp";
      JsonNode proto = item.get("protocol");
      if (proto != null && !proto.isNull()) {
        protocol = proto.isTextual() ? protocol(p + ".protocol", proto.asText()) : null;
        if (!proto.isTextual()) {
          problems.error(p + ".protocol", "must be tcp or udp");
        }
      }
      if (target == null || published == null || protocol == null) {
        return null;
      }
      return new PortSpec(target, published, hostIp, protocol);
    }
    problems.error(p, "must be a port number, a port mapping string or a mapping");
    return null;
  }

  private Integer portValue(String p, JsonNode node, String what) {
    if (node.isIntegralNumber() || node.isTextual()) {
      return portNumber(p, node.asText(), what);
    }
    problems.error(p, what + " must be a number between 1 and 65535");
    return null;
  }

  private Integer portNumber(String p, String text, String what) {
    if (text.contains("-")) {
      problems.error(p, "port ranges ('" + text + "') are not supported by Baton");
      return null;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 65535) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    problems.error(p, what + " '" + text + "' must be a number between 1 and 65535");
    return null;
  }

  private String protocol(String p, String proto) {
    if (proto == null) {
      return "tcp";
    }
    if (proto.equals("tcp") || proto.equals("udp")) {
      return proto;
    }
    problems.error(p, "protocol '" + proto + "' must be tcp or udp");
    return null;
  }

  void checkHostPortsUnique(Map<String, ServiceSpec> services) {
    Map<String, String> seen = new HashMap<>();
    for (ServiceSpec s : services.values()) {
      for (int i = 0; i < s.ports().size(); i++) {
        PortSpec p = s.ports().get(i);
        if (p.published() == 0) {
          continue;
        }
        String key = p.hostIp() + ":" + p.published() + "/" + p.protocol();
        String path = "services." + s.name() + ".ports[" + i + "]";
        String other = seen.putIfAbsent(key, path);
        if (other != null) {
          problems.error(path, "host port " + p.published() + " is already published by " + other);
        }
      }
    }
  }
}
