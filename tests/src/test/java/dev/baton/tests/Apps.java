package dev.baton.tests;

/** Fresh app names and small, quick Compose files for the tests. */
public final class Apps {
  private Apps() {}

  /** A name no earlier run used: prefix + base36 time + a counter. */
  static String fresh(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime() / 1000 % 1_000_000_000_000L, 36);
  }

  /**
   * One web replica with a Docker health check: a deploy takes a few seconds. The check is lenient
   * (5 s, 5 retries): these tests are about the API, and a loaded machine must not fail them.
   */
  static String web(String image) {
    return webService(image, "5s", 5)
        + """
            deploy:
              replicas: 1
              update_config:
                order: start-first
                failure_action: rollback
                monitor: 1s
        """;
  }

  /**
   * The demo web service with its exec-form Docker health check (every 1 s) as Compose text, up to
   * its {@code deploy:} block, which each test appends (four spaces in).
   */
  public static String webService(String image, String healthTimeout, int retries) {
    return """
        services:
          web:
            image: %s
            init: true
            ports: ["8080"]
            healthcheck:
              test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
              interval: 1s
              timeout: %s
              retries: %d
        """
        .formatted(image, healthTimeout, retries);
  }
}
