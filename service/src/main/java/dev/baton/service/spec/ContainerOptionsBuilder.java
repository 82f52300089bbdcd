package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.LogConfig;
import dev.baton.workflows.model.ContainerOptions;
import dev.baton.workflows.model.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service keys that say how the engine runs a container ({@link ContainerOptions}), and the
 * short forms of resources (mem_limit, mem_reservation, cpus) that deploy.resources does not set.
 */
record ContainerOptionsBuilder(ComposeProblems problems, ValueReader values) {

  /** Every key {@link #options} reads: a service that sets any one of them gets options. */
  private static final List<String> KEYS =
      List.of(
          "hostname",
          "working_dir",
          "user",
          "extra_hosts",
          "dns",
          "cap_add",
          "cap_drop",
          "ulimits",
          "tmpfs",
          "read_only",
          "stop_signal",
          "sysctls",
          "shm_size",
          "memswap_limit",
          "pids_limit",
          "logging",
          "stdin_open",
          "tty",
          "dns_search",
          "dns_opt",
          "domainname",
          "group_add",
          "cpu_shares",
          "mem_swappiness",
          "oom_score_adj");

  private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z0-9+-]+|\\d+");
  private static final Set<String> HOST_CAPABILITIES =
      Set.of(
          "ALL",
          "SYS_ADMIN",
          "SYS_MODULE",
          "SYS_RAWIO",
          "SYS_BOOT",
          "SYS_TIME",
          "MAC_ADMIN",
          "MAC_OVERRIDE",
          "DAC_READ_SEARCH",
          "BPF",
          "PERFMON");
  private static final Pattern PATH = Pattern.compile("/\\S*");

  /** The options, or null when the service sets none (its spec then stays as it was). */
  ContainerOptions options(String path, JsonNode s) {
    if (KEYS.stream().noneMatch(s::has)) {
      return null;
    }
    return new ContainerOptions(
        text(path + ".hostname", s.get("hostname")),
        text(path + ".working_dir", s.get("working_dir")),
        text(path + ".user", s.get("user")),
        extraHosts(path + ".extra_hosts", s.get("extra_hosts")),
        list(path + ".dns", s.get("dns")),
        capabilities(path + ".cap_add", s.get("cap_add"), true),
        capabilities(path + ".cap_drop", s.get("cap_drop"), false),
        ulimits(path + ".ulimits", s.get("ulimits")),
        tmpfs(path + ".tmpfs", s.get("tmpfs")),
        flag(path + ".read_only", s.get("read_only")),
        signal(path + ".stop_signal", s.get("stop_signal")),
        s.has("sysctls") ? values.keyValues(path + ".sysctls", s.get("sysctls"), true) : Map.of(),
        bytes(path + ".shm_size", s.get("shm_size")),
        bytes(path + ".memswap_limit", s.get("memswap_limit")),
        s.has("pids_limit") ? intOr0(path + ".pids_limit", s.get("pids_limit")) : 0,
        logDriver(path + ".logging.driver", s.path("logging").get("driver")),
        s.path("logging").has("options")
            ? values.keyValues(path + ".logging.options", s.path("logging").get("options"), true)
            : Map.of(),
        flag(path + ".stdin_open", s.get("stdin_open")),
        flag(path + ".tty", s.get("tty")),
        list(path + ".dns_search", s.get("dns_search")),
        list(path + ".dns_opt", s.get("dns_opt")),
        text(path + ".domainname", s.get("domainname")),
        list(path + ".group_add", s.get("group_add")),
        s.has("cpu_shares") ? (int) intOr0(path + ".cpu_shares", s.get("cpu_shares")) : 0,
        swappiness(path + ".mem_swappiness", s.get("mem_swappiness")),
        s.has("oom_score_adj")
            ? ranged(path + ".oom_score_adj", s.get("oom_score_adj"), -1000, 1000)
            : null);
  }

  /** deploy.resources, with mem_limit / mem_reservation / cpus where it leaves them unset. */
  Resources resources(String path, JsonNode s, Resources deploy) {
    double cpus = deploy.cpusLimit();
    long memory = deploy.memoryLimitBytes();
    long reserved = deploy.memoryReservationBytes();
    if (cpus == 0 && s.has("cpus")) {
      Double c = values.number(path + ".cpus", s.get("cpus"), 0, 1024);
      cpus = c == null ? 0 : c;
    }
    if (memory == 0 && s.has("mem_limit")) {
      memory = bytes(path + ".mem_limit", s.get("mem_limit"));
    }
    if (reserved == 0 && s.has("mem_reservation")) {
      reserved = bytes(path + ".mem_reservation", s.get("mem_reservation"));
    }
    return new Resources(cpus, memory, deploy.cpusReservation(), reserved);
  }

  private String text(String p, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      problems.error(p, "must be a string");
      return null;
    }
    return node.asText();
  }

  private boolean flag(String p, JsonNode node) {
    if (node == null || node.isNull()) {
      return false;
    }
    Boolean b = values.bool(p, node);
    return b != null && b;
  }

  private long bytes(String p, JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    Long b = values.byteSize(p, node);
    return b == null ? 0 : b;
  }

  private long intOr0(String p, JsonNode node) {
    Integer n = values.integer(p, node, -1, Integer.MAX_VALUE);
    return n == null ? 0 : n;
  }

  /**
   * Capability names ({@code NET_ADMIN} or {@code CAP_NET_ADMIN}); adding one that hands the
   * container the host (ALL, SYS_ADMIN, SYS_MODULE, ...) is refused.
   */
  private List<String> capabilities(String p, JsonNode node, boolean adding) {
    List<String> out = list(p, node);
    for (String name : out) {
      String bare = name.toUpperCase().replaceFirst("^CAP_", "");
      boolean known = Arrays.stream(Capability.values()).anyMatch(c -> c.name().equals(bare));
      if (!known) {
        problems.error(p, "'" + name + "' is not a Linux capability");
      } else if (adding && HOST_CAPABILITIES.contains(bare)) {
        problems.error(
            p,
            "'"
                + name
                + "' would give the container the host; add the narrower capabilities it needs");
      }
    }
    return out;
  }

  private String logDriver(String p, JsonNode node) {
    String driver = text(p, node);
    if (driver != null
        && Arrays.stream(LogConfig.LoggingType.values())
            .noneMatch(t -> t.getType().equals(driver))) {
      problems.error(p, "'" + driver + "' is not a logging driver the engine knows");
      return null;
    }
    return driver;
  }

  private Long swappiness(String p, JsonNode node) {
    Integer n = node == null ? null : ranged(p, node, 0, 100);
    return n == null ? null : n.longValue();
  }

  private Integer ranged(String p, JsonNode node, int min, int max) {
    return values.integer(p, node, min, max);
  }

  private String signal(String p, JsonNode node) {
    String s = text(p, node);
    if (s != null && !SIGNAL.matcher(s).matches()) {
      problems.error(p, "'" + s + "' is not a signal (such as SIGTERM, SIGQUIT or 15)");
      return null;
    }
    return s;
  }

  /** A string or a list of strings. */
  private List<String> list(String p, JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isValueNode()) {
      out.add(node.asText());
    } else {
      values.strings(p, node, "must be a string", (q, v) -> out.add(v));
    }
    return out;
  }

  /** {@code host:ip}, {@code host=ip} or a mapping; always {@code host:ip}, as the engine takes. */
  private List<String> extraHosts(String p, JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> out.add(e.getKey() + ":" + e.getValue().asText()));
      return out;
    }
    for (String entry : list(p, node)) {
      int sep = entry.indexOf('=') > 0 ? entry.indexOf('=') : entry.indexOf(':');
      if (sep <= 0) {
        problems.error(p, "'" + entry + "' is not host:address");
      } else {
        out.add(entry.substring(0, sep) + ":" + entry.substring(sep + 1));
      }
    }
    return out;
  }

  private List<String> tmpfs(String p, JsonNode node) {
    List<String> out = list(p, node);
    for (String entry : out) {
      if (!PATH.matcher(entry.split(":", 2)[0]).matches()) {
        problems.error(p, "'" + entry + "' is not an absolute path in the container");
      }
    }
    return out;
  }

  private List<ContainerOptions.Ulimit> ulimits(String p, JsonNode node) {
    List<ContainerOptions.Ulimit> out = new ArrayList<>();
    if (!values.mapping(p, node)) {
      return out;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String q = p + "." + e.getKey();
              JsonNode v = e.getValue();
              if (v.isObject()) {
                long soft = intOr0(q + ".soft", v.path("soft"));
                long hard = intOr0(q + ".hard", v.path("hard"));
                out.add(new ContainerOptions.Ulimit(e.getKey(), soft, hard));
              } else {
                long both = intOr0(q, v);
                out.add(new ContainerOptions.Ulimit(e.getKey(), both, both));
              }
            });
    return out;
  }
}
