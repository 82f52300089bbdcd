package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.workflows.model.ContainerOptions;
import dev.baton.workflows.model.ServiceSpec;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each container key reaches {@link ServiceSpec#options()}, also when it is a service's only one.
 */
class ComposeOptionsTest {

  private final ComposeParser parser = new ComposeParser();

  static Stream<Arguments> keys() {
    return Stream.of(
        key("hostname: db", ContainerOptions::hostname, "db"),
        key("working_dir: /srv", ContainerOptions::workingDir, "/srv"),
        key("user: \"999:999\"", ContainerOptions::user, "999:999"),
        key(
            "extra_hosts: [\"a.local:10.0.0.5\"]",
            ContainerOptions::extraHosts,
            List.of("a.local:10.0.0.5")),
        key("dns: 10.0.0.2", ContainerOptions::dns, List.of("10.0.0.2")),
        key("cap_add: [NET_ADMIN]", ContainerOptions::capAdd, List.of("NET_ADMIN")),
        key("cap_drop: [ALL]", ContainerOptions::capDrop, List.of("ALL")),
        key(
            "ulimits: {nproc: 100}",
            ContainerOptions::ulimits,
            List.of(new ContainerOptions.Ulimit("nproc", 100, 100))),
        key("tmpfs: /run", ContainerOptions::tmpfs, List.of("/run")),
        key("read_only: true", ContainerOptions::readOnly, true),
        key("stop_signal: SIGINT", ContainerOptions::stopSignal, "SIGINT"),
        key(
            "sysctls: [net.core.somaxconn=1024]",
            o -> o.sysctls().get("net.core.somaxconn"),
            "1024"),
        key("shm_size: 1m", ContainerOptions::shmSizeBytes, 1024L * 1024),
        key("memswap_limit: 1m", ContainerOptions::memswapLimitBytes, 1024L * 1024),
        key("pids_limit: 200", ContainerOptions::pidsLimit, 200L),
        key("logging: {driver: json-file}", ContainerOptions::logDriver, "json-file"),
        key("stdin_open: true", ContainerOptions::stdinOpen, true),
        key("tty: true", ContainerOptions::tty, true),
        key("cpu_shares: 512", ContainerOptions::cpuShares, 512),
        key("domainname: example.internal", ContainerOptions::domainname, "example.internal"),
        key(
            "dns_search: example.internal",
            ContainerOptions::dnsSearch,
            List.of("example.internal")),
        key("dns_opt: [\"ndots:2\"]", ContainerOptions::dnsOptions, List.of("ndots:2")),
        key("group_add: [\"1001\"]", ContainerOptions::groupAdd, List.of("1001")),
        key("mem_swappiness: 0", ContainerOptions::memSwappiness, 0L),
        key("oom_score_adj: -500", ContainerOptions::oomScoreAdj, -500));
  }

  private static Arguments key(String line, Function<ContainerOptions, Object> get, Object want) {
    return Arguments.of(line, get, want);
  }

  @Test
  void everyOptionHasItsCase() {
    // logging sets two fields (driver and options); every other key sets one
    assertThat(keys().count() + 1).isEqualTo(ContainerOptions.class.getRecordComponents().length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void aKeyOnItsOwnReachesTheOptions(
      String line, Function<ContainerOptions, Object> get, Object want) {
    ParsedApp parsed =
        parser.parse(
            "solo",
            ComposeInput.of(
                """
                services:
                  web:
                    image: registry.local/web:v1
                    %s
                """
                    .formatted(line)));
    ServiceSpec web = parsed.spec().service("web");
    assertThat(web.options()).as(line).isNotNull();
    assertThat(get.apply(web.options())).as(line).isEqualTo(want);
  }
}
