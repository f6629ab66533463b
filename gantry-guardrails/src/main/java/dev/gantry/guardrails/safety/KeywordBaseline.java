package dev.gantry.guardrails.safety;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The baseline the safety classifier is measured against: a category is flagged when the
 * lower-cased text contains one of its keywords as a whole word (a short hand-written list per
 * category, the kind of blocklist a team writes first). Stateless and thread-safe.
 */
public final class KeywordBaseline {
  private KeywordBaseline() {}

  private static final Map<SafetyCategory, Pattern> PATTERNS = new EnumMap<>(SafetyCategory.class);

  static {
    put(
        SafetyCategory.HATE,
        "nigger",
        "niggers",
        "nigga",
        "faggot",
        "faggots",
        "fag",
        "dyke",
        "tranny",
        "retard",
        "retards",
        "kike",
        "spic",
        "chink",
        "wetback",
        "raghead",
        "towelhead",
        "subhuman",
        "vermin",
        "white power",
        "go back to your country",
        "inferior race");
    put(
        SafetyCategory.HARASSMENT,
        "idiot",
        "moron",
        "stupid",
        "loser",
        "bitch",
        "bitches",
        "cunt",
        "asshole",
        "dumbass",
        "shut up",
        "piece of shit",
        "fuck you",
        "pathetic",
        "worthless",
        "ugly",
        "hoe",
        "hoes",
        "slut",
        "whore",
        "trash");
    put(
        SafetyCategory.SELF_HARM,
        "kill myself",
        "suicide",
        "suicidal",
        "end my life",
        "cut myself",
        "cutting myself",
        "self harm",
        "self-harm",
        "want to die",
        "overdose",
        "starve myself");
    put(
        SafetyCategory.SEXUAL,
        "sex",
        "porn",
        "porno",
        "nude",
        "nudes",
        "naked",
        "erotic",
        "horny",
        "orgasm",
        "dick",
        "pussy",
        "boobs",
        "blowjob",
        "fuck",
        "fucking",
        "xxx",
        "sexting");
    put(
        SafetyCategory.SEXUAL_MINORS,
        "child porn",
        "underage",
        "loli",
        "pedo",
        "pedophile",
        "minor sex",
        "sexual pictures of kids");
    put(
        SafetyCategory.VIOLENCE,
        "kill",
        "murder",
        "stab",
        "shoot",
        "behead",
        "torture",
        "massacre",
        "bomb",
        "beat the hell",
        "blood",
        "gore",
        "lynch");
    put(
        SafetyCategory.ILLICIT,
        "meth",
        "methamphetamine",
        "cocaine",
        "heroin",
        "launder",
        "counterfeit",
        "ransomware",
        "pipe bomb",
        "explosive",
        "stolen credit card",
        "fake passport",
        "hack into",
        "untraceable");
  }

  private static void put(SafetyCategory c, String... words) {
    List<String> quoted = java.util.Arrays.stream(words).map(Pattern::quote).toList();
    PATTERNS.put(
        c, Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", quoted) + ")(?![\\p{L}])"));
  }

  /** The categories whose keywords occur in {@code text}. */
  public static Set<SafetyCategory> flagged(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    Set<SafetyCategory> out = EnumSet.noneOf(SafetyCategory.class);
    PATTERNS.forEach(
        (c, p) -> {
          if (p.matcher(lower).find()) {
            out.add(c);
          }
        });
    return out;
  }
}
