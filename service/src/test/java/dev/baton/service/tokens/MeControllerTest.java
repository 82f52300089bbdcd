package dev.baton.service.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.service.api.ApiException;
import dev.baton.service.auth.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

class MeControllerTest {

  @Test
  void answersNameAndLowerCaseRole() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
    request.setAttribute(Caller.ATTRIBUTE, new Caller("ci-bot", Caller.Role.DEPLOYER));
    assertEquals(new Me("ci-bot", "deployer"), new MeController().me(request));
  }

  @Test
  void withoutCallerIsUnauthorized() {
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> new MeController().me(new MockHttpServletRequest("GET", "/api/v1/me")));
    assertEquals(HttpStatus.UNAUTHORIZED, e.status());
  }
}
