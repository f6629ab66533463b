package dev.gantry.cli;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.ConfigSummary;
import dev.gantry.core.config.GantryConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantry config ...}: configuration tools. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Configuration tools.",
    subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * {@code gantry config validate FILE}: exit 0 and a summary when valid, 1 and every problem when
   * not.
   */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check a gantry.yaml and print what it configures (secrets are never printed).")
  static final class Validate implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
    Path file;

    @Override
    public Integer call() {
      try {
        GantryConfig config = ConfigLoader.load(file);
        System.out.println(file + " is valid.");
        System.out.println(ConfigSummary.describe(config));
        return 0;
      } catch (ConfigException e) {
        System.err.println(file + " is invalid:");
        for (String problem : e.problems()) {
          System.err.println("  - " + problem);
        }
        return 1;
      }
    }
  }
}
