package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code baton}: Baton's command line for CI. Exit codes: 0 success, 1 the operation FAILED, was
 * ROLLED_BACK or ABORTED, 2 usage, auth or API error, 3 {@code --wait} timed out.
 */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    version = "baton 0.1.0",
    description = "Deploy and steer apps on Baton. Reads BATON_URL and BATON_TOKEN.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (with --wait: SUCCEEDED)",
      "1:the operation FAILED, was ROLLED_BACK or ABORTED",
      "2:usage, authentication or API error",
      "3:--wait timed out (the operation goes on)"
    },
    subcommands = {
      DeployCommand.class,
      PlanCommand.class,
      StatusCommand.class,
      SteerCommands.Pause.class,
      SteerCommands.Resume.class,
      SteerCommands.Abort.class,
      ListCommands.Apps.class,
      EventsCommand.class,
      ScaleCommand.class,
      RollbackCommand.class,
      ListCommands.Hosts.class,
      BackupCommands.Backup.class,
      BackupCommands.ListBackups.class,
      BackupCommands.Restore.class
    })
public final class BatonCli implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** No subcommand: that is a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.ERROR;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return new CommandLine(new BatonCli())
        .setExitCodeExceptionMapper(e -> ExitCodes.ERROR)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("baton: " + e.getMessage());
              return ExitCodes.ERROR;
            })
        .setParameterExceptionHandler(
            (e, args2) -> {
              e.getCommandLine().getErr().println("baton: " + e.getMessage());
              e.getCommandLine().usage(e.getCommandLine().getErr());
              return ExitCodes.ERROR;
            })
        .execute(args);
  }
}
