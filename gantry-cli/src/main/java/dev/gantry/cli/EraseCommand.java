package dev.gantry.cli;

import dev.gantry.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gantry erase --customer ID}: removes what is stored about one end customer. */
@Command(
    name = "erase",
    mixinStandardHelpOptions = true,
    description =
        "Remove everything stored about an end customer (their id and stored prompts and answers);"
            + " the erasure itself is recorded in the audit log, which stays verifiable.")
final class EraseCommand implements Callable<Integer> {
  @Mixin StoreOptions where = new StoreOptions();

  @Option(names = "--customer", required = true)
  String customer;

  @Option(names = "--tenant", defaultValue = "default", description = "The customer's tenant.")
  String tenant;

  @Override
  public Integer call() throws Exception {
    try (Store store = where.open()) {
      long n = store.audit().eraseCustomer(tenant, customer, KeysCommand.CLI_ACTOR);
      System.out.println("erased customer data from " + n + " records");
      return 0;
    }
  }
}
