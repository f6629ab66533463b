package dev.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gantry} command: one subcommand per class, no business logic here. */
@Command(
    name = "gantry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Gantry: the production layer for GenAI applications.",
    subcommands = {
      ServeCommand.class,
      SimCommand.class,
      ConfigCommand.class,
      KbCommand.class,
      EvalCommand.class,
      KeysCommand.class,
      AuditCommand.class,
      UsageCommand.class,
      DataKeyCommand.class,
      EraseCommand.class,
      GuardCommand.class,
      CacheCommand.class,
      CapacityCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (used by tests too). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Main::failed)
        .execute(args);
  }

  /**
   * A command that failed with an exception prints one line naming the problem and exits 1; the
   * stack trace only when {@code GANTRY_DEBUG} is set.
   */
  private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      what = e.getMessage() + " does not exist";
    }
    command.getErr().println("gantry " + command.getCommandName() + ": " + what);
    if (System.getenv("GANTRY_DEBUG") != null) {
      e.printStackTrace(command.getErr());
    }
    return 1;
  }
}
