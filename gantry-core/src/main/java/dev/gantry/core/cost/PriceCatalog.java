package dev.gantry.core.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Dated model prices: the catalog shipped in the jar ({@code prices.yaml} next to this class) and,
 * in front of it, the entries of the configuration's {@code cost.prices}. A lookup names the
 * providers to try (a configured provider's name, then its family), the model (id or alias, any
 * case) and the day; the entry in force that day — the one with the latest {@code effective_from}
 * not after it — wins, so a historical report uses the price in force then. Configured entries for
 * a (provider, model) replace the bundled ones for it entirely; a configured alias ({@code
 * same_as}) makes a name stand for another model, of the same provider or of another one ({@code
 * same_as: openai/gpt-4o-mini}). Immutable and thread-safe.
 */
public final class PriceCatalog {
  /** The bundled catalog's resource, next to this class. */
  static final String RESOURCE = "prices.yaml";

  private static volatile PriceCatalog bundled;

  private final List<PriceEntry> entries;
  private final LocalDate compiled;
  private final Map<String, List<PriceEntry>> overrides;
  private final Map<String, String> aliases;
  private final Map<String, List<PriceEntry>> index;

  private PriceCatalog(
      List<PriceEntry> entries,
      LocalDate compiled,
      Map<String, List<PriceEntry>> overrides,
      Map<String, String> aliases) {
    this.entries = List.copyOf(entries);
    this.compiled = compiled;
    this.overrides = overrides;
    this.aliases = aliases;
    this.index = index(entries);
  }

  /** An empty catalog (for tests and for configurations that price everything themselves). */
  public static PriceCatalog empty() {
    return new PriceCatalog(List.of(), null, Map.of(), Map.of());
  }

  /** The catalog shipped in the jar, read once. */
  public static PriceCatalog bundled() {
    PriceCatalog c = bundled;
    if (c == null) {
      synchronized (PriceCatalog.class) {
        c = bundled;
        if (c == null) {
          try (InputStream in = PriceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("the bundled price catalog is missing");
            }
            c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          bundled = c;
        }
      }
    }
    return c;
  }

  /**
   * Reads a catalog in the bundled format: {@code compiled: YYYY-MM-DD} and {@code entries:} a list
   * of price entries ({@link PriceEntryParser}).
   *
   * @throws IllegalArgumentException naming the entry and key that is wrong
   */
  public static PriceCatalog parse(String yaml) {
    LoadSettings settings = LoadSettings.builder().setSchema(new FailsafeSchema()).build();
    Object root = new Load(settings).loadFromString(yaml);
    if (!(root instanceof Map<?, ?> top) || !(top.get("entries") instanceof List<?> list)) {
      throw new IllegalArgumentException("a price catalog is a map with an 'entries' list");
    }
    LocalDate compiled =
        top.get("compiled") == null ? null : LocalDate.parse(String.valueOf(top.get("compiled")));
    List<PriceEntry> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("entries[" + i + "]: expected a map");
      }
      try {
        out.add(PriceEntryParser.parse(m, null));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("entries[" + i + "]." + e.getMessage(), e);
      }
    }
    return new PriceCatalog(out, compiled, Map.of(), Map.of());
  }

  /** This catalog with {@code configured} entries and aliases consulted first. */
  public PriceCatalog withOverrides(List<? extends PriceRule> configured) {
    if (configured.isEmpty()) {
      return this;
    }
    List<PriceEntry> prices = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (PriceRule rule : configured) {
      if (rule instanceof PriceEntry e) {
        prices.add(e);
      } else if (rule instanceof PriceAlias a) {
        String target = a.sameAs();
        int slash = target.indexOf('/');
        names.put(
            key(a.provider(), a.model()),
            slash > 0
                ? key(target.substring(0, slash), target.substring(slash + 1))
                : key(a.provider(), target));
      }
    }
    return new PriceCatalog(entries, compiled, index(prices), Map.copyOf(names));
  }

  /** The bundled entries (configured ones excluded), in file order. */
  public List<PriceEntry> entries() {
    return entries;
  }

  /** The day the bundled catalog was compiled, or null. */
  public LocalDate compiled() {
    return compiled;
  }

  /**
   * The entry in force on {@code day} for {@code model} at the first of {@code providers} that
   * prices it.
   */
  public Optional<PriceEntry> find(List<String> providers, String model, LocalDate day) {
    if (model == null) {
      return Optional.empty();
    }
    for (String provider : providers) {
      if (provider == null) {
        continue;
      }
      String alias = aliases.get(key(provider, model));
      String key = alias != null ? alias : key(provider, model);
      List<PriceEntry> candidates = overrides.get(key);
      if (candidates == null) {
        candidates = index.get(key);
      }
      if (candidates == null) {
        continue;
      }
      for (PriceEntry e : candidates) { // newest first
        if (!e.effectiveFrom().isAfter(day)) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, List<PriceEntry>> index(List<PriceEntry> entries) {
    Map<String, List<PriceEntry>> out = new HashMap<>();
    for (PriceEntry e : entries) {
      for (String name : e.names()) {
        out.computeIfAbsent(key(e.provider(), name), k -> new ArrayList<>()).add(e);
      }
    }
    out.values().forEach(l -> l.sort(Comparator.comparing(PriceEntry::effectiveFrom).reversed()));
    return out;
  }

  private static String key(String provider, String model) {
    return provider.toLowerCase(Locale.ROOT) + "\u0000" + model.toLowerCase(Locale.ROOT);
  }
}
