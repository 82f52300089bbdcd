package dev.baton.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each integration test class, deletes every app it left deployed. The test stack is shared
 * by the whole suite, and each leftover instance runs a Docker health check every second: left
 * alone they pile up to dozens of execs a second on two cores, and the zero-loss tests that come
 * later fail on that load, not on Baton. Registered for every class by JUnit's extension
 * autodetection (src/test/resources); a class whose name does not end in "IT" is left alone, and a
 * failed delete is reported, not failed: the class's own tests already ran.
 */
public final class DeletesLeftoverApps implements AfterAllCallback {

  @Override
  public void afterAll(ExtensionContext context) {
    String testClass = context.getRequiredTestClass().getSimpleName();
    if (!testClass.endsWith("IT") || System.getenv("BATON_STACK_ENV") == null) {
      return;
    }
    List<String> deleted = new ArrayList<>();
    try {
      BatonApi api = new BatonApi(Stack.get());
      // The list leaves deleted apps out: whatever it shows may still run containers.
      for (JsonNode app : api.get("/api/v1/apps").body()) {
        String name = app.path("name").asText();
        deleted.add(name + " " + api.deleteApp(name).path("status").asText());
      }
    } catch (RuntimeException | AssertionError e) {
      deleted.add("stopped: " + e.getMessage());
    }
    if (!deleted.isEmpty()) {
      System.out.println(testClass + " left apps behind, deleted: " + deleted);
    }
  }
}
