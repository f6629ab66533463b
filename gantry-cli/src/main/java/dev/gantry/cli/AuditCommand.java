package dev.gantry.cli;

import dev.gantry.store.Store;
import dev.gantry.store.audit.VerifyResult;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gantry audit verify|export}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Check and export the hash-chained audit log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Walk the whole chain; exit 1 naming the first edited, deleted, inserted or reordered"
              + " record.")
  static final class Verify implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Override
    public Integer call() throws Exception {
      try (Store store = where.open()) {
        VerifyResult r = store.audit().verify();
        if (r instanceof VerifyResult.Intact i) {
          System.out.printf(
              "intact: %d records checked (from %d to %d), head hash %s%n",
              i.checked(), i.anchorSeq() + 1, i.headSeq(), i.headHash());
          return 0;
        }
        VerifyResult.Broken b = (VerifyResult.Broken) r;
        System.out.printf(
            "BROKEN at record %d: %s (%s); %d records before it were intact%n",
            b.seq(), b.tamper().name().toLowerCase(java.util.Locale.ROOT), b.detail(), b.checked());
        return 1;
      }
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write records as JSON lines (to --out, or standard output).")
  static final class Export implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Option(names = "--from", description = "Start date (YYYY-MM-DD) or instant, inclusive.")
    String from;

    @Option(names = "--to", description = "End date (YYYY-MM-DD) or instant, exclusive.")
    String to;

    @Option(names = "--out", paramLabel = "FILE")
    Path out;

    @Override
    public Integer call() throws Exception {
      Instant a = from == null ? Instant.EPOCH : parse(from);
      Instant b = to == null ? Instant.now().plusSeconds(1) : parse(to);
      try (Store store = where.open();
          Writer w =
              out == null
                  ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                  : Files.newBufferedWriter(out)) {
        long n = store.audit().export(a, b, w);
        w.flush();
        System.err.println(n + " records exported");
        return 0;
      }
    }

    static Instant parse(String v) {
      return v.length() == 10
          ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(v);
    }
  }
}
