package dev.baton.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.workflows.model.AppSpec;
import dev.baton.workflows.model.RestartPolicy;
import dev.baton.workflows.model.RestartPolicy.Condition;
import org.junit.jupiter.api.Test;

/** The fleet keys: {@code deploy.restart_policy} and {@code x-baton.placement}. */
class FleetSpecTest {
  private final ComposeParser parser = new ComposeParser();

  @Test
  void restartPolicyAndBinpackAreRead() {
    AppSpec spec =
        parser
            .parse(
                "shop",
                """
                x-baton:
                  placement: binpack
                services:
                  web:
                    image: nginx
                    deploy:
                      restart_policy:
                        condition: on-failure
                        delay: 3s
                        max_attempts: 5
                        window: 2m
                  api:
                    image: nginx
                """)
            .spec();

    assertThat(spec.binpack()).isTrue();
    assertThat(spec.service("web").restart())
        .isEqualTo(new RestartPolicy(Condition.ON_FAILURE, 3_000, 5, 120_000));
    assertThat(spec.service("api").restart()).isEqualTo(RestartPolicy.defaults());
  }

  @Test
  void badValuesNameTheKey() {
    SpecException e =
        catchThrowableOfType(
            () ->
                parser.parse(
                    "shop",
                    """
                    x-baton:
                      placement: random
                    services:
                      web:
                        image: nginx
                        deploy:
                          restart_policy:
                            condition: sometimes
                            max_attempts: -1
                            delay: soon
                    """),
            SpecException.class);

    assertThat(e.errors())
        .extracting(SpecError::path)
        .containsExactlyInAnyOrder(
            "x-baton.placement",
            "services.web.deploy.restart_policy.condition",
            "services.web.deploy.restart_policy.max_attempts",
            "services.web.deploy.restart_policy.delay");
    assertThat(e.errors().stream().filter(x -> x.path().equals("x-baton.placement")))
        .extracting(SpecError::message)
        .containsExactly("x-baton.placement: 'random' is not one of spread, binpack");
  }
}
