package dev.gantry.cli;

import dev.gantry.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gantry data-key rotate}: re-encrypts stored payloads with the active data key. */
@Command(
    name = "data-key",
    mixinStandardHelpOptions = true,
    description = "Data keys that encrypt stored prompts and answers.",
    subcommands = {DataKeyCommand.Rotate.class})
final class DataKeyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description =
          "Re-encrypt every stored payload with the active key (the first in audit.data_keys or"
              + " GANTRY_DATA_KEYS); older keys can be removed afterwards.")
  static final class Rotate implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Override
    public Integer call() throws Exception {
      try (Store store = where.open()) {
        System.out.println("re-encrypted " + store.dataKeyRotate() + " payloads");
        return 0;
      }
    }
  }
}
