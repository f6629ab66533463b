package dev.gantry.guardrails.pii;

import java.util.List;

/**
 * Person names, locations (cities, countries, states) and street addresses, found by a trained
 * {@link SequenceModel} over {@link TokenFeatures}: word-list membership ({@link Gazetteer}), case,
 * shape and the words around a token ("my name is", "lives in", "Apt."). The tagger also knows
 * organisations, so that "Smith Ltd." is not taken for a person, but organisations are not
 * reported.
 *
 * <p>Shared and thread-safe; the model and word lists are loaded once per class loader.
 */
final class NameAndPlaceRecognizer implements Recognizer {
  static final String MODEL = "/dev/gantry/guardrails/pii/tagger.bin";

  /** Below the validated recognisers (0.75 and up), so a checked number wins an overlap. */
  static final double SCORE = 0.6;

  private final Gazetteer gazetteer;
  private final SequenceModel model;
  private final PiiType[] types;

  NameAndPlaceRecognizer(Gazetteer gazetteer, SequenceModel model) {
    this.gazetteer = gazetteer;
    this.model = model;
    List<String> labels = model.labels();
    this.types = new PiiType[labels.size()];
    for (int y = 0; y < types.length; y++) {
      types[y] = typeOf(labels.get(y));
    }
  }

  private static final class Holder {
    static final NameAndPlaceRecognizer STANDARD =
        new NameAndPlaceRecognizer(Gazetteer.standard(), SequenceModel.load(MODEL));
  }

  /** The recogniser with the shipped model and word lists. */
  static NameAndPlaceRecognizer standard() {
    return Holder.STANDARD;
  }

  /** The reported type of a BIO label, or null for O and for types that are not reported. */
  static PiiType typeOf(String label) {
    if (label.length() < 3) {
      return null;
    }
    switch (label.substring(2)) {
      case "PERSON":
        return PiiType.PERSON;
      case "LOCATION":
        return PiiType.LOCATION;
      case "ADDRESS":
        return PiiType.ADDRESS;
      default:
        return null;
    }
  }

  @Override
  public void find(String text, List<PiiSpan> out) {
    List<Token> tokens = Tokenizer.tokenize(text);
    if (tokens.isEmpty()) {
      return;
    }
    TokenFeatures.Sentence sentence = TokenFeatures.Sentence.of(tokens, gazetteer);
    int[] path = model.decode(sentence);
    List<String> labels = model.labels();
    int i = 0;
    while (i < tokens.size()) {
      PiiType type = types[path[i]];
      if (type == null) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < tokens.size() && labels.get(path[j]).startsWith("I-")) {
        j++;
      }
      int end = j;
      while (end > i + 1 && isPunctuation(tokens.get(end - 1))) {
        end--;
      }
      if (plausible(type, tokens, sentence.flags(), i, end)) {
        if (type == PiiType.PERSON && isCountry(sentence.flags(), i, end)) {
          type = PiiType.LOCATION;
        }
        out.add(new PiiSpan(tokens.get(i).start(), tokens.get(end - 1).end(), type, SCORE));
      }
      i = j;
    }
  }

  /**
   * Whether tokens [from, to) are exactly a country's name that is not also a first name: such a
   * "person" ("Norway was fun") is a place. "Chad" and "Jordan" stay people.
   */
  private static boolean isCountry(int[] flags, int from, int to) {
    if ((flags[from] & Gazetteer.PLACE_INSIDE) != 0
        || (to < flags.length && (flags[to] & Gazetteer.PLACE_INSIDE) != 0)) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if ((flags[k] & Gazetteer.COUNTRY) == 0 || (flags[k] & Gazetteer.FIRST_NAME) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Filters on the tagger's spans: not punctuation alone; a person's name has no digits; a lone
   * common English word is not a name ("Server at…", even though "Server" is also a first name in
   * some locales) unless it is a known place; nor is an unknown acronym or an unknown lower-case
   * word.
   */
  private static boolean plausible(
      PiiType type, List<Token> tokens, int[] flags, int from, int to) {
    if (to == from + 1) {
      Token only = tokens.get(from);
      int f = flags[from];
      if (isPunctuation(only)
          || isUnknownAcronym(only, f)
          || (type != PiiType.ADDRESS && (f & Gazetteer.COMMON_WORD) != 0 && (f & PLACE) == 0)
          || (type != PiiType.ADDRESS && isLowerCaseUnknown(only, f))) {
        return false;
      }
    }
    if (type == PiiType.PERSON) {
      for (int k = from; k < to; k++) {
        String s = tokens.get(k).surface();
        for (int c = 0; c < s.length(); c++) {
          if (Character.isDigit(s.charAt(c))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * A lone lower-case word that no name or place list knows ("token ghp_…") is not a name: people
   * who write names in lower case write known ones ("from portugal") often enough, unknown ones
   * rarely.
   */
  private static boolean isLowerCaseUnknown(Token token, int flags) {
    String s = token.surface();
    return !s.isEmpty() && Character.isLowerCase(s.charAt(0)) && (flags & KNOWN_NAME_OR_PLACE) == 0;
  }

  /**
   * A lone all-capitals word of two to five letters that no word list knows ("IBAN", "JSON",
   * "NASA") is an acronym, not a name or a place.
   */
  private static boolean isUnknownAcronym(Token token, int flags) {
    String s = token.surface();
    if (s.length() < 2 || s.length() > 5 || (flags & KNOWN_NAME_OR_PLACE) != 0) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (!Character.isUpperCase(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static final int PLACE = Gazetteer.CITY | Gazetteer.COUNTRY | Gazetteer.STATE;

  private static final int KNOWN_NAME_OR_PLACE =
      Gazetteer.FIRST_NAME
          | Gazetteer.LAST_NAME
          | Gazetteer.CITY
          | Gazetteer.COUNTRY
          | Gazetteer.STATE;

  /** A trailing comma, dash or bracket is not part of a name; a final period ("Mr.", "St.") is. */
  private static boolean isPunctuation(Token token) {
    String s = token.surface();
    return s.length() == 1 && !Character.isLetterOrDigit(s.charAt(0)) && s.charAt(0) != '.';
  }
}
