package dev.baton.activities.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import dev.baton.workflows.model.ContainerOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service's {@link ContainerOptions} on Docker's create-container request. */
final class ContainerOptionsApplied {

  private ContainerOptionsApplied() {}

  static void apply(CreateContainerCmd cmd, HostConfig host, ContainerOptions o) {
    if (o.hostname() != null) {
      cmd.withHostName(o.hostname());
    }
    if (o.workingDir() != null) {
      cmd.withWorkingDir(o.workingDir());
    }
    if (o.user() != null) {
      cmd.withUser(o.user());
    }
    if (o.stopSignal() != null) {
      cmd.withStopSignal(o.stopSignal());
    }
    if (o.stdinOpen()) {
      cmd.withStdinOpen(true);
    }
    if (o.tty()) {
      cmd.withTty(true);
    }
    if (notEmpty(o.extraHosts())) {
      host.withExtraHosts(o.extraHosts().toArray(String[]::new));
    }
    if (notEmpty(o.dns())) {
      host.withDns(o.dns());
    }
    if (notEmpty(o.capAdd())) {
      host.withCapAdd(capabilities(o.capAdd()));
    }
    if (notEmpty(o.capDrop())) {
      host.withCapDrop(capabilities(o.capDrop()));
    }
    if (notEmpty(o.ulimits())) {
      host.withUlimits(
          o.ulimits().stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList());
    }
    if (notEmpty(o.tmpfs())) {
      Map<String, String> mounts = new LinkedHashMap<>();
      for (String entry : o.tmpfs()) {
        String[] parts = entry.split(":", 2);
        mounts.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
      host.withTmpFs(mounts);
    }
    if (o.readOnly()) {
      host.withReadonlyRootfs(true);
    }
    if (o.sysctls() != null && !o.sysctls().isEmpty()) {
      host.withSysctls(o.sysctls());
    }
    if (o.shmSizeBytes() > 0) {
      host.withShmSize(o.shmSizeBytes());
    }
    if (o.memswapLimitBytes() != 0) {
      host.withMemorySwap(o.memswapLimitBytes());
    }
    if (o.pidsLimit() != 0) {
      host.withPidsLimit(o.pidsLimit());
    }
    if (o.domainname() != null) {
      cmd.withDomainName(o.domainname());
    }
    if (notEmpty(o.dnsSearch())) {
      host.withDnsSearch(o.dnsSearch());
    }
    if (notEmpty(o.dnsOptions())) {
      host.withDnsOptions(o.dnsOptions());
    }
    if (notEmpty(o.groupAdd())) {
      host.withGroupAdd(o.groupAdd());
    }
    if (o.cpuShares() > 0) {
      host.withCpuShares(o.cpuShares());
    }
    if (o.memSwappiness() != null) {
      host.withMemorySwappiness(o.memSwappiness());
    }
    if (o.oomScoreAdj() != null) {
      host.withOomScoreAdj(o.oomScoreAdj());
    }
    if (o.logDriver() != null) {
      host.withLogConfig(
          new LogConfig(
              LogConfig.LoggingType.fromValue(o.logDriver()),
              o.logOptions() == null ? Map.of() : o.logOptions()));
    }
  }

  /** {@code NET_ADMIN} or {@code CAP_NET_ADMIN}; the parser has checked each name. */
  static Capability[] capabilities(List<String> names) {
    return names.stream()
        .map(n -> Capability.valueOf(n.toUpperCase().replaceFirst("^CAP_", "")))
        .toArray(Capability[]::new);
  }

  private static boolean notEmpty(List<?> list) {
    return list != null && !list.isEmpty();
  }
}
