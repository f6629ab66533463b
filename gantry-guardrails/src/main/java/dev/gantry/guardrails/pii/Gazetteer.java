package dev.gantry.guardrails.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Word lists that hint at names and places: first names, surnames, cities, countries, states and
 * regions, street words ({@code Avenue}, {@code Rue}, {@code ul.}), street-name endings ({@code
 * gatan}, {@code straat}) and common English words. The lists come from the resources under {@code
 * gazetteer/} (see the ATTRIBUTION file there). Membership is only a hint: the tagger weighs it
 * against case and context, so "May" or "Bell" in a list does not make every "May" a name.
 *
 * <p>Immutable and thread-safe once built; built once per class loader by {@link #standard()}.
 */
final class Gazetteer {
  static final int FIRST_NAME = 1;
  static final int LAST_NAME = 1 << 1;
  static final int CITY = 1 << 2;
  static final int COUNTRY = 1 << 3;
  static final int STATE = 1 << 4;
  static final int STREET_WORD = 1 << 5;
  static final int STREET_ENDING = 1 << 6;
  static final int COMMON_WORD = 1 << 7;

  /** The token continues a multi-word city, country or state match (e.g. "Lanka" in Sri Lanka). */
  static final int PLACE_INSIDE = 1 << 8;

  static final String[] FLAG_NAMES = {
    "first", "last", "city", "country", "state", "street", "ending", "common", "placeIn"
  };

  private static final String FOLDER = "/dev/gantry/guardrails/pii/gazetteer/";

  private final Set<String> firstNames;
  private final Set<String> lastNames;
  private final Set<String> streetWords;
  private final Set<String> commonWords;
  private final Map<String, List<String>> endingsByTail;
  private final List<PlaceList> places;

  private record PlaceList(int flag, Map<String, List<String[]>> byFirstWord) {}

  private Gazetteer(
      Set<String> firstNames,
      Set<String> lastNames,
      Set<String> streetWords,
      Set<String> commonWords,
      List<String> streetEndings,
      List<PlaceList> places) {
    this.firstNames = firstNames;
    this.lastNames = lastNames;
    this.streetWords = streetWords;
    this.commonWords = commonWords;
    this.endingsByTail = new HashMap<>();
    for (String ending : streetEndings) {
      endingsByTail.computeIfAbsent(tail(ending), k -> new ArrayList<>()).add(ending);
    }
    this.places = places;
  }

  private static final class Holder {
    static final Gazetteer STANDARD = load();
  }

  /** The lists shipped with Gantry. */
  static Gazetteer standard() {
    return Holder.STANDARD;
  }

  private static Gazetteer load() {
    return new Gazetteer(
        words("first-names.txt"),
        words("last-names.txt"),
        words("street-words.txt"),
        words("common-words.txt"),
        new ArrayList<>(words("street-endings.txt")),
        List.of(
            places(CITY, "cities.txt"),
            places(COUNTRY, "countries.txt"),
            places(STATE, "states.txt")));
  }

  /** Single-token entries by their key; multi-token entries are kept only as place phrases. */
  private static Set<String> words(String file) {
    Set<String> out = new HashSet<>();
    for (String line : lines(file)) {
      List<Token> tokens = Tokenizer.tokenize(line);
      if (tokens.size() == 1 || (tokens.size() == 2 && tokens.get(1).key().equals("."))) {
        out.add(tokens.get(0).key());
      }
    }
    return Set.copyOf(out);
  }

  private static PlaceList places(int flag, String file) {
    Map<String, List<String[]>> byFirst = new HashMap<>();
    for (String line : lines(file)) {
      List<Token> tokens = Tokenizer.tokenize(line);
      if (tokens.isEmpty() || tokens.size() > 8) {
        continue;
      }
      String[] keys = new String[tokens.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = tokens.get(i).key();
      }
      byFirst.computeIfAbsent(keys[0], k -> new ArrayList<>()).add(keys);
    }
    return new PlaceList(flag, byFirst);
  }

  private static List<String> lines(String file) {
    try (InputStream in = Gazetteer.class.getResourceAsStream(FOLDER + file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FOLDER + file);
      }
      List<String> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The list flags of every token (a bit set of the constants above), aligned with tokens. */
  int[] annotate(List<Token> tokens) {
    int n = tokens.size();
    int[] flags = new int[n];
    for (int i = 0; i < n; i++) {
      String key = tokens.get(i).key();
      int f = 0;
      if (firstNames.contains(key)) {
        f |= FIRST_NAME;
      }
      if (lastNames.contains(key)) {
        f |= LAST_NAME;
      }
      if (streetWords.contains(key)) {
        f |= STREET_WORD;
      }
      if (isCommon(key)) {
        f |= COMMON_WORD;
      }
      if (hasStreetEnding(key)) {
        f |= STREET_ENDING;
      }
      flags[i] |= f;
      for (PlaceList list : places) {
        List<String[]> candidates = list.byFirstWord().get(key);
        if (candidates == null) {
          continue;
        }
        int longest = 0;
        for (String[] entry : candidates) {
          if (entry.length > longest && matches(tokens, i, entry)) {
            longest = entry.length;
          }
        }
        for (int k = 0; k < longest; k++) {
          flags[i + k] |= list.flag() | (k > 0 ? PLACE_INSIDE : 0);
        }
      }
    }
    return flags;
  }

  private static boolean matches(List<Token> tokens, int at, String[] entry) {
    if (at + entry.length > tokens.size()) {
      return false;
    }
    for (int k = 1; k < entry.length; k++) {
      if (!tokens.get(at + k).key().equals(entry[k])) {
        return false;
      }
    }
    return true;
  }

  private boolean isCommon(String key) {
    if (commonWords.contains(key)) {
      return true;
    }
    int n = key.length();
    if (n > 4 && key.endsWith("s") && commonWords.contains(key.substring(0, n - 1))) {
      return true;
    }
    if (n > 5 && key.endsWith("ed")) {
      return commonWords.contains(key.substring(0, n - 2))
          || commonWords.contains(key.substring(0, n - 1));
    }
    if (n > 6 && key.endsWith("ing")) {
      return commonWords.contains(key.substring(0, n - 3))
          || commonWords.contains(key.substring(0, n - 3) + "e");
    }
    return n > 5 && key.endsWith("ly") && commonWords.contains(key.substring(0, n - 2));
  }

  private boolean hasStreetEnding(String key) {
    if (key.length() < 6) {
      return false;
    }
    List<String> endings = endingsByTail.get(tail(key));
    if (endings == null) {
      return false;
    }
    for (String ending : endings) {
      if (key.length() > ending.length() + 2 && key.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  private static String tail(String s) {
    return s.substring(Math.max(0, s.length() - 3));
  }
}
