package dev.baton.activities.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.baton.workflows.model.HealthCheck;
import dev.baton.workflows.model.Mount;
import dev.baton.workflows.model.NetworkAttachment;
import dev.baton.workflows.model.PortSpec;
import dev.baton.workflows.model.Resources;
import dev.baton.workflows.model.ServiceSpec;
import dev.baton.workflows.model.VolumeSpec;
import dev.baton.workflows.ports.CreateRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSpecsTest {

  /** The mapping is checked without an engine: the command is built, never sent. */
  private static final CreateContainerCmd.Exec NEVER_EXECUTED =
      command -> {
        throw new AssertionError("not sent in unit tests");
      };

  private static CreateContainerCmd build(ServiceSpec service) {
    CreateRequest request = new CreateRequest("deploy:shop:r3", "shop", 3, 2, "h1", service);
    return ContainerSpecs.apply(
        new CreateContainerCmdImpl(NEVER_EXECUTED, null, service.image()), request, "10.0.0.5");
  }

  private static ServiceSpec full() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("A", "1");
    env.put("FLAG", null);
    return new ServiceSpec(
        "web",
        "reg:5000/shop/web:v3",
        List.of("httpd", "-f"),
        List.of("/bin/busybox"),
        env,
        List.of(new PortSpec(8080, 0, null, "tcp"), new PortSpec(9090, 19090, "0.0.0.0", "udp")),
        new HealthCheck(List.of("CMD", "wget", "-q", "http://x/"), 1_000, 2_500, 3, 4_000, false),
        null,
        List.of(),
        Map.of("team", "shop", "baton.app", "spoofed"),
        2,
        null,
        null,
        List.of(),
        new Resources(0.5, 64L << 20, 0.25, 32L << 20),
        true,
        2_500,
        null,
        null,
        null,
        false,
        false,
        null,
        null);
  }

  @Test
  void nameAndLabelsIdentifyTheInstance() {
    CreateContainerCmd cmd = build(full());
    assertThat(cmd.getName()).isEqualTo("shop-web-r3-2");
    assertThat(cmd.getLabels())
        .containsEntry("baton.app", "shop")
        .containsEntry("baton.service", "web")
        .containsEntry("baton.revision", "3")
        .containsEntry("baton.slot", "2")
        .containsEntry("baton.operation", "deploy:shop:r3")
        .containsEntry("baton.port", "8080/tcp")
        .containsEntry("team", "shop");
  }

  @Test
  void theContainerIsOnItsAppsNetworkOnly() {
    assertThat(build(full()).getHostConfig().getNetworkMode()).isEqualTo("baton-shop");
  }

  @Test
  void aServiceOnComposeNetworksIsCreatedOnTheFirstOfThem() {
    ServiceSpec onNetworks =
        with(
            full(),
            List.of(
                new NetworkAttachment("back", List.of("db")),
                new NetworkAttachment("front", List.of())),
            null);
    // '_' is in no app name: app 'shop' network 'back' never meets an app 'shop-back'.
    assertThat(build(onNetworks).getHostConfig().getNetworkMode()).isEqualTo("baton-shop_back");
  }

  @Test
  void processSettings() {
    CreateContainerCmd cmd = build(full());
    assertThat(cmd.getImage()).isEqualTo("reg:5000/shop/web:v3");
    assertThat(cmd.getCmd()).containsExactly("httpd", "-f");
    assertThat(cmd.getEntrypoint()).containsExactly("/bin/busybox");
    // Where it runs first, then the service's own (which win on a clash).
    assertThat(cmd.getEnv())
        .containsExactly(
            "BATON_APP=shop",
            "BATON_SERVICE=web",
            "BATON_SLOT=2",
            "BATON_REVISION=3",
            "BATON_HOST=h1",
            "A=1",
            "FLAG");
    assertThat(cmd.getStopTimeout()).isEqualTo(3); // 2.5 s rounded up
  }

  @Test
  void healthCheckInNanoseconds() {
    var health = build(full()).getHealthcheck();
    assertThat(health.getTest()).containsExactly("CMD", "wget", "-q", "http://x/");
    assertThat(health.getInterval()).isEqualTo(1_000_000_000L);
    assertThat(health.getTimeout()).isEqualTo(2_500_000_000L);
    assertThat(health.getRetries()).isEqualTo(3);
    assertThat(health.getStartPeriod()).isEqualTo(4_000_000_000L);
  }

  @Test
  void healthCheckForms() {
    assertThat(
            ContainerSpecs.healthCheck(new HealthCheck(List.of("curl -f x"), 0, 0, 0, 0, false))
                .getTest())
        .containsExactly("CMD-SHELL", "curl -f x");
    assertThat(ContainerSpecs.healthCheck(new HealthCheck(List.of(), 0, 0, 0, 0, true)).getTest())
        .containsExactly("NONE");
    var inherit = ContainerSpecs.healthCheck(new HealthCheck(List.of(), 2_000, 0, 0, 0, false));
    assertThat(inherit.getTest()).isNull();
    assertThat(inherit.getInterval()).isEqualTo(2_000_000_000L);
    assertThat(inherit.getTimeout()).isNull();
    assertThat(ContainerSpecs.healthCheck(null)).isNull();
  }

  @Test
  void hostConfig() {
    HostConfig host = build(full()).getHostConfig();
    assertThat(host.getInit()).isTrue();
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getMemory()).isEqualTo(64L << 20);
    assertThat(host.getMemoryReservation()).isEqualTo(32L << 20);
    // docker-java spells "no" as the empty name, which the engine reads as "no".
    assertThat(host.getRestartPolicy()).isEqualTo(RestartPolicy.noRestart());
  }

  @Test
  void portsPublishedOnTheHostAddressByDefault() {
    CreateContainerCmd cmd = build(full());
    assertThat(cmd.getExposedPorts()).containsExactly(ExposedPort.tcp(8080), ExposedPort.udp(9090));
    Map<ExposedPort, Ports.Binding[]> bindings =
        cmd.getHostConfig().getPortBindings().getBindings();
    assertThat(bindings.get(ExposedPort.tcp(8080)))
        .containsExactly(new Ports.Binding("10.0.0.5", ""));
    assertThat(bindings.get(ExposedPort.udp(9090)))
        .containsExactly(new Ports.Binding("0.0.0.0", "19090"));
  }

  @Test
  void minimalServiceLeavesDockerDefaults() {
    ServiceSpec minimal =
        new ServiceSpec(
            "worker", "img", null, null, null, null, null, null, null, null, 1, null, null, null,
            null, false, 0, null, null, null, false, false, null, null);
    CreateContainerCmd cmd = build(minimal);
    assertThat(cmd.getCmd()).isNull();
    assertThat(cmd.getEnv())
        .containsOnly(
            "BATON_APP=shop",
            "BATON_SERVICE=worker",
            "BATON_SLOT=2",
            "BATON_REVISION=3",
            "BATON_HOST=h1");
    assertThat(cmd.getHealthcheck()).isNull();
    assertThat(cmd.getStopTimeout()).isNull();
    assertThat(cmd.getHostConfig().getInit()).isNull();
    assertThat(cmd.getLabels()).doesNotContainKey("baton.port");
  }

  @Test
  void healthFromListStatus() {
    assertThat(InstanceMapper.healthFromStatus("Up 3 seconds (healthy)")).isEqualTo("healthy");
    assertThat(InstanceMapper.healthFromStatus("Up 1 second (health: starting)"))
        .isEqualTo("starting");
    assertThat(InstanceMapper.healthFromStatus("Up 9 seconds (unhealthy)")).isEqualTo("unhealthy");
    assertThat(InstanceMapper.healthFromStatus("Exited (3) 2 seconds ago")).isEqualTo("none");
  }

  @Test
  void imageReferences() {
    assertThat(ImagePuller.repositoryAndTag("127.0.0.1:5002/demo-web:v1"))
        .containsExactly("127.0.0.1:5002/demo-web", "v1");
    assertThat(ImagePuller.repositoryAndTag("127.0.0.1:5002/demo-web"))
        .containsExactly("127.0.0.1:5002/demo-web", "latest");
    assertThat(ImagePuller.repositoryAndTag("busybox")).containsExactly("busybox", "latest");
    assertThat(ImagePuller.repositoryAndTag("r/x@sha256:abc"))
        .containsExactly("r/x@sha256:abc", null);
  }

  @Test
  void volumesBindsAndTmpfsAreMountedAndAVolumePerSlotIsNamedForItsSlot() {
    VolumeSpec data = new VolumeSpec("baton-shop_data", "local", Map.of(), Map.of(), false);
    VolumeSpec cache = new VolumeSpec("shared-cache", "local", Map.of(), Map.of(), false);
    List<Mount> mounts =
        List.of(
            new Mount(Mount.Type.VOLUME, "data", "/data", false, true, 0, data, true),
            new Mount(Mount.Type.VOLUME, "cache", "/cache", true, false, 0, cache, false),
            new Mount(Mount.Type.BIND, "/srv/conf", "/etc/app", true, false, 0, null, false),
            new Mount(Mount.Type.TMPFS, null, "/run/scratch", false, false, 1 << 20, null, false));

    List<com.github.dockerjava.api.model.Mount> applied =
        build(with(full(), null, mounts)).getHostConfig().getMounts();

    assertThat(applied).hasSize(4);
    assertThat(applied.get(0).getType()).isEqualTo(MountType.VOLUME);
    assertThat(applied.get(0).getSource()).isEqualTo("baton-shop_data-2"); // slot 2's own
    assertThat(applied.get(0).getVolumeOptions().getNoCopy()).isTrue();
    assertThat(applied.get(1).getSource()).isEqualTo("shared-cache");
    assertThat(applied.get(1).getReadOnly()).isTrue();
    assertThat(applied.get(2).getType()).isEqualTo(MountType.BIND);
    assertThat(applied.get(2).getSource()).isEqualTo("/srv/conf");
    assertThat(applied.get(3).getType()).isEqualTo(MountType.TMPFS);
    assertThat(applied.get(3).getTmpfsOptions().getSizeBytes()).isEqualTo(1L << 20);
    assertThat(build(full()).getHostConfig().getMounts()).isNull();
  }

  /** {@code s} on other networks and with other mounts. */
  private static ServiceSpec with(
      ServiceSpec s, List<NetworkAttachment> networks, List<Mount> mounts) {
    return new ServiceSpec(
        s.name(),
        s.image(),
        s.command(),
        s.entrypoint(),
        s.environment(),
        s.ports(),
        s.healthcheck(),
        s.probe(),
        s.dependsOn(),
        s.labels(),
        s.replicas(),
        s.update(),
        s.rollback(),
        s.placementConstraints(),
        s.resources(),
        s.init(),
        s.stopGraceMillis(),
        s.restartPolicy(),
        networks,
        s.options(),
        s.global(),
        s.completes(),
        mounts,
        s.files());
  }
}
