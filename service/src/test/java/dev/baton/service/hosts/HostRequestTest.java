package dev.baton.service.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostRequestTest {
  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private static boolean valid(String address) {
    return VALIDATOR
        .validate(new HostRequest("h1", "tcp://10.0.0.5:2376", address, null))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.5",
        "172.30.1.11",
        "255.255.255.255",
        "::1",
        "fd00::2",
        "2001:db8::8a2e:370:7334",
        "::ffff:10.0.0.1"
      })
  void acceptsAddressLiterals(String address) {
    assertThat(valid(address)).as(address).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h9.lan", "256.1.1.1", "10.0.0", "10.0.0.5:2376", "1:2", "fd00::g", " "})
  void refusesNamesAndMalformedAddresses(String address) {
    assertThat(valid(address)).as(address).isFalse();
  }

  @Test
  void noAddressIsValid() {
    assertThat(valid(null)).isTrue();
  }
}
