package dev.baton.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * How the engine runs each container of a service, from Compose's service keys of the same names:
 * hostname, working_dir, user, extra_hosts ({@code host:ip}), dns, cap_add, cap_drop, ulimits,
 * tmpfs ({@code path[:options]}), read_only, stop_signal, sysctls, shm_size, memswap_limit,
 * pids_limit, logging, stdin_open, tty, dns_search, dns_opt, domainname, group_add, cpu_shares,
 * mem_swappiness and oom_score_adj. Unset is null, empty, false or 0: the engine's default.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ContainerOptions(
    String hostname,
    String workingDir,
    String user,
    List<String> extraHosts,
    List<String> dns,
    List<String> capAdd,
    List<String> capDrop,
    List<Ulimit> ulimits,
    List<String> tmpfs,
    boolean readOnly,
    String stopSignal,
    Map<String, String> sysctls,
    long shmSizeBytes,
    long memswapLimitBytes,
    long pidsLimit,
    String logDriver,
    Map<String, String> logOptions,
    boolean stdinOpen,
    boolean tty,
    List<String> dnsSearch,
    List<String> dnsOptions,
    String domainname,
    List<String> groupAdd,
    int cpuShares,
    Long memSwappiness,
    Integer oomScoreAdj) {

  /** One resource limit ({@code nofile}, {@code nproc}, ...). */
  public record Ulimit(String name, long soft, long hard) {}
}
