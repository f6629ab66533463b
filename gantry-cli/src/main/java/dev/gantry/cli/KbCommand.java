package dev.gantry.cli;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.ml.MiniLmEmbedder;
import dev.gantry.rag.EmbeddingModel;
import dev.gantry.rag.IngestReport;
import dev.gantry.rag.KbStats;
import dev.gantry.rag.KnowledgeBase;
import dev.gantry.rag.KnowledgeBases;
import dev.gantry.rag.RagConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry kb ...}: knowledge bases under the data directory. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = "Knowledge bases: ingest, list, stats, drop.",
    subcommands = {
      KbCommand.Ingest.class,
      KbCommand.ListBases.class,
      KbCommand.Stats.class,
      KbCommand.Drop.class
    })
final class KbCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Where the knowledge bases live: --data-dir, else the config's data_dir, else the default. */
  static class Where {
    /** The names {@link KnowledgeBases} accepts. */
    static final java.util.regex.Pattern NAME =
        java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Take data_dir from this file.")
    Path config;

    Path resolve() throws ConfigException {
      if (dataDir != null) {
        return dataDir;
      }
      if (config != null) {
        return ConfigLoader.load(config, System.getenv()).dataDir();
      }
      return Path.of(System.getenv().getOrDefault("GANTRY_DATA_DIR", "gantry-data"));
    }

    /**
     * Prints why {@code name} cannot name a knowledge base and returns false, or returns true when
     * it can.
     */
    static boolean validName(String name) {
      if (name != null && NAME.matcher(name).matches()) {
        return true;
      }
      System.err.println(
          "gantry kb: '"
              + String.valueOf(name).replaceAll("\\p{Cntrl}", "?")
              + "' is not a knowledge base name; use 1..64 of a-z, 0-9, '.', '_' and '-',"
              + " starting with a letter or digit");
      return false;
    }

    KnowledgeBases open() throws ConfigException {
      return new KnowledgeBases(
          resolve(),
          new EmbeddingModel("all-MiniLM-L6-v2", new MiniLmEmbedder(10_000)),
          RagConfig.defaults());
    }
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description =
          "Ingest Markdown, text, HTML and PDF files (folders recursively) into NAME; only"
              + " changed files are processed again.")
  static final class Ingest extends Where implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", paramLabel = "PATH", arity = "1..*")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
      if (!validName(name)) {
        return 2;
      }
      try (KnowledgeBases bases = open()) {
        KnowledgeBase kb = bases.open(name);
        IngestReport r = kb.ingest(paths);
        double secs = Math.max(1e-9, r.elapsed().toNanos() / 1e9);
        System.out.printf(
            "%s: %d added, %d updated, %d unchanged, %d removed, %d failed; %d chunks in %.1f s"
                + " (%.0f chunks/s)%n",
            name,
            r.added().size(),
            r.updated().size(),
            r.unchanged().size(),
            r.removed().size(),
            r.failures().size(),
            r.chunks(),
            secs,
            r.chunks() / secs);
        r.failures().forEach(f -> System.err.println("  failed: " + f));
        return r.failures().isEmpty() ? 0 : 1;
      } catch (ConfigException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List knowledge bases.")
  static final class ListBases extends Where implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      try (KnowledgeBases bases = open()) {
        bases.list().forEach(System.out::println);
        return 0;
      }
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true, description = "Show a base's size.")
  static final class Stats extends Where implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      if (!validName(name)) {
        return 2;
      }
      try (KnowledgeBases bases = open()) {
        var stats = bases.stats(name);
        if (stats.isEmpty()) {
          System.err.println("no knowledge base named " + name);
          return 1;
        }
        KbStats s = stats.get();
        System.out.printf(
            "%s: %d documents, %d chunks, %d bytes, model %s (%d dimensions), last ingest %s%n",
            s.name(),
            s.documents(),
            s.chunks(),
            s.bytes(),
            s.model(),
            s.dimensions(),
            s.lastIngest());
        return 0;
      }
    }
  }

  @Command(name = "drop", mixinStandardHelpOptions = true, description = "Delete a base.")
  static final class Drop extends Where implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      if (!validName(name)) {
        return 2;
      }
      try (KnowledgeBases bases = open()) {
        if (!bases.drop(name)) {
          System.err.println("no knowledge base named " + name);
          return 1;
        }
        System.out.println("dropped " + name);
        return 0;
      }
    }
  }
}
