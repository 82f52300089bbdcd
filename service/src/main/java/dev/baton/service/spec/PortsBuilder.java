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
      PortSpec port = port(p, node.get(i));
      if (port == null) {
        continue;
      }
      // A fixed TCP port is published by the service's balancers, whatever the replicas; a UDP
      // port is not balanced, so only one instance may hold it at a time.
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
      out.add(port);
    }
    return List.copyOf(out);
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
