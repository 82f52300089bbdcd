package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baton pause|resume|abort OP}: steer a running rollout. */
final class SteerCommands {
  private SteerCommands() {}

  abstract static class Steer implements Callable<Integer> {
    @Mixin Connection connection;

    @Parameters(index = "0", paramLabel = "OP")
    String id;

    abstract String verb();

    @Override
    public Integer call() {
      connection.client().postEmpty("/api/v1/operations/" + ApiClient.encode(id) + "/" + verb());
      System.out.println(verb() + " requested for operation " + id);
      return ExitCodes.OK;
    }
  }

  @Command(name = "pause", description = "Hold a rollout before its next batch.")
  static final class Pause extends Steer {
    @Override
    String verb() {
      return "pause";
    }
  }

  @Command(name = "resume", description = "Resume a paused rollout.")
  static final class Resume extends Steer {
    @Override
    String verb() {
      return "resume";
    }
  }

  @Command(name = "abort", description = "Abort a rollout: what moved is rolled back.")
  static final class Abort extends Steer {
    @Override
    String verb() {
      return "abort";
    }
  }
}
