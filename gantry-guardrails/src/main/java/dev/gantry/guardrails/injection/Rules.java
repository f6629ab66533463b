package dev.gantry.guardrails.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The heuristic rules, matched against the normaliser's folded lower-case text. Each rule needs two
 * signals, not one word: an override verb with a qualifier that points at the model's instructions
 * ("ignore <b>all previous</b> instructions", not "ignore whitespace"), a request to reveal
 * <em>your</em> prompt (not "what is a system prompt"), a persona together with the absence of
 * rules. Category prefixes: {@code override}, {@code roleplay}, {@code extraction}, {@code
 * delimiter}, {@code smuggling}. Immutable.
 */
final class Rules {
  private Rules() {}

  /**
   * Start of a word. Only ASCII letters and digits are checked, because a Unicode class here would
   * be evaluated at every position of the text and dominate the cost; the rules that use it begin
   * with Latin-script words, so a non-Latin letter before them makes no false match in practice.
   */
  private static final String B = "(?<![a-z0-9])";

  /** Start of a word in any script, for rules in other scripts. */
  private static final String UB = "(?<![\\p{L}\\p{N}])";

  /** End of a word in any script (checked only where a match ends, so the class costs little). */
  private static final String E = "(?![\\p{L}\\p{N}])";

  /** Separator between words inside one sentence. */
  private static final String S = "[\\s,;:'\"“”‘’«»()*_]+";

  /** One word followed by a separator. */
  private static final String W = "[\\p{L}\\p{N}'’-]+" + S;

  static final List<Rule> ALL = build();

  private static final List<String> ANCHORS =
      ALL.stream().flatMap(r -> r.anchors().stream()).flatMap(List::stream).distinct().toList();

  private static final AnchorIndex INDEX = new AnchorIndex(ANCHORS);

  /** Per rule, per anchor group, the ids of the group's anchors in {@link #INDEX}. */
  private static final int[][][] ANCHOR_IDS =
      ALL.stream()
          .map(
              r ->
                  r.anchors().stream()
                      .map(g -> g.stream().mapToInt(ANCHORS::indexOf).toArray())
                      .toArray(int[][]::new))
          .toArray(int[][][]::new);

  /** Per rule, the literal starts of its matches (see {@link Starts}). */
  private static final List<List<String>> STARTS = ALL.stream().map(Rule::starts).toList();

  /**
   * Adds to {@code out} the names of the rules matching {@code lower} that are not in it yet, in
   * rule order. One pass finds every anchor; only rules whose anchor groups are all present run
   * their expressions.
   */
  static void match(String lower, List<String> out) {
    boolean[] present = INDEX.present(lower);
    for (int r = 0; r < ALL.size(); r++) {
      if (allGroupsPresent(ANCHOR_IDS[r], present)) {
        Rule rule = ALL.get(r);
        if (!out.contains(rule.name()) && rule.patternsMatch(lower, STARTS.get(r))) {
          out.add(rule.name());
        }
      }
    }
  }

  private static boolean allGroupsPresent(int[][] groups, boolean[] present) {
    for (int[] group : groups) {
      boolean hit = false;
      for (int id : group) {
        if (present[id]) {
          hit = true;
          break;
        }
      }
      if (!hit) {
        return false;
      }
    }
    return true;
  }

  private static Pattern p(String regex) {
    return Pattern.compile(regex);
  }

  private static Rule rule(String name, List<List<String>> anchors, String regex) {
    return new Rule(name, anchors, p(regex), null);
  }

  private static Rule rule(
      String name, List<List<String>> anchors, String regex, String alsoRequires) {
    return new Rule(name, anchors, p(regex), p(alsoRequires));
  }

  /** Anchor groups: a text must contain a substring of each. */
  @SafeVarargs
  private static List<List<String>> all(List<String>... groups) {
    return List.of(groups);
  }

  /**
   * "VERB [up to 3 words] (BEFORE [up to 2 words] NOUN | NOUN [a word] AFTER)": the override shape
   * shared by the European languages.
   */
  private static Rule override(
      String lang,
      List<List<String>> anchors,
      String verbs,
      String before,
      String nouns,
      String after) {
    boolean latin = verbs.chars().allMatch(c -> c < 0x250);
    String regex =
        (latin ? B : UB)
            + "(?:"
            + verbs
            + ")"
            + S
            + "(?:"
            + W
            + "){0,3}?(?:(?:"
            + before
            + ")"
            + S
            + "(?:"
            + W
            + "){0,2}?(?:"
            + nouns
            + ")"
            + E
            + "|(?:"
            + nouns
            + ")"
            + S
            + "(?:"
            + W
            + ")?(?:"
            + after
            + ")"
            + E
            + ")";
    return rule("override." + lang, anchors, regex);
  }

  private static List<Rule> build() {
    List<Rule> r = new ArrayList<>();
    String enVerbs =
        "ignor(?:e|ing)|disregard(?:ing)?|forget(?:ting)?|overrid(?:e|ing)|overlook|neglect|discard"
            + "|skip|abandon|dismiss|bypass|set aside|pay no attention to|do not follow|don't follow"
            + "|stop following|no longer follow";
    r.add(
        override(
            "en",
            all(
                List.of(
                    "ignor",
                    "disregard",
                    "forget",
                    "overrid",
                    "overlook",
                    "neglect",
                    "discard",
                    "skip",
                    "abandon",
                    "dismiss",
                    "bypass",
                    "aside",
                    "attention",
                    "follow"),
                List.of(
                    "instruction",
                    "prompt",
                    "direction",
                    "directive",
                    "guideline",
                    "guidance",
                    "programming")),
            enVerbs,
            "previous|prior|preceding|above|earlier|foregoing|former|initial|original|system"
                + "|developer|your|all",
            "instructions?|prompts?|directions|directives|guidelines|guidance|programming",
            "above|before|earlier|so far|given|you were given|you have been given|from before"));
    r.add(
        rule(
            "override.en-rules",
            all(
                List.of(
                    "ignor",
                    "disregard",
                    "forget",
                    "overrid",
                    "overlook",
                    "neglect",
                    "discard",
                    "skip",
                    "abandon",
                    "dismiss",
                    "bypass",
                    "aside",
                    "attention",
                    "follow"),
                List.of(
                    "rule",
                    "restriction",
                    "filter",
                    "guardrail",
                    "safeguard",
                    "polic",
                    "limitation",
                    "constraint",
                    "ethic",
                    "moral",
                    "principle",
                    "training")),
            B
                + "(?:"
                + enVerbs
                + ")"
                + S
                + "(?:all"
                + S
                + ")?(?:of"
                + S
                + ")?(?:your|previous|prior|above|system|openai'?s?|the above)"
                + S
                + "(?:"
                + W
                + ")?(?:rules|restrictions|filters|guardrails|safeguards|policies|policy|limitations"
                + "|constraints|ethics|morals|principles|training)"
                + E));
    r.add(
        rule(
            "override.en-everything",
            all(
                List.of("ignor", "disregard", "forget"),
                List.of("everything", "all of", "all that", "all this", "all it", "anything")),
            B
                + "(?:ignore|disregard|forget)"
                + S
                + "(?:everything|all(?: of)? (?:that|this|it)|anything)"
                + S
                + "(?:above|before|prior|previously|preceding|from before|(?:that )?you(?:'ve| have)?"
                + " (?:been told|learned|were told|were given|were instructed|been instructed))"
                + E));
    r.add(
        rule(
            "override.en-the-above",
            all(
                List.of("ignor", "disregard", "forget", "overlook"),
                List.of("above", "previous", "preceding", "prior", "before")),
            B
                + "(?:ignore|disregard|forget|overlook)(?: all)?(?: of)? (?:the|everything|anything|all"
                + " that)(?: you(?:'ve| have)? been (?:told|instructed|given))? (?:above|previous"
                + "|preceding|prior|before)(?: text| message| input| content| prompt| conversation)?"
                + "(?=\\s*(?:[.,;:!\\n]|$|(?:and|then|instead|ignore|now|say|print|write|repeat"
                + "|output|respond|tell|give)"
                + E
                + "))"));
    r.add(
        rule(
            "override.en-stop-everything",
            all(List.of("everything"), List.of("stop", "halt", "cancel", "abort", "drop")),
            B
                + "(?:stop|halt|cancel|abort|drop) everything\\W+(?:now\\W+)?(?:and )?(?:just )?"
                + "(?:print|say|write|output|repeat|respond)"
                + E));
    r.add(
        rule(
            "override.en-precedence",
            all(
                List.of("supersede", "overrid", "precedence", "priority", "replace"),
                List.of("instruction", "rule", "prompt", "directive", "guideline")),
            B
                + "(?:supersedes?|overrides?|takes? precedence over|takes? priority over|replaces?)"
                + S
                + "(?:all"
                + S
                + "|any"
                + S
                + ")?(?:previous|prior|other|earlier|your|the system|system|the above)"
                + S
                + "(?:"
                + W
                + ")?(?:instructions|rules|prompts?|directives|guidelines)"
                + E));
    r.add(
        override(
            "es",
            all(
                List.of(
                    "ignor",
                    "olvid",
                    "descart",
                    "omit",
                    "caso omiso",
                    "sigas",
                    "seguir",
                    "por alto"),
                List.of(
                    "instruc",
                    "indicacion",
                    "regla",
                    "directri",
                    "orden",
                    "órden",
                    "norma",
                    "consigna")),
            "ignora|ignore|ignoren|ignorad|ignorar|olvida|olvide|olviden|olvidad|olvidar|descarta"
                + "|descarte|descartar|omite|omita|omitir|haz caso omiso (?:de|a)|no sigas"
                + "|deja de seguir|pasa por alto",
            "tus|sus|vuestras|todas",
            "instrucciones|instrucción|instruccion|indicaciones|reglas|directrices|órdenes|ordenes"
                + "|normas|consignas",
            "anteriores|previas|precedentes|iniciales|originales|del sistema|de arriba|recibidas"
                + "|dadas"));
    r.add(
        override(
            "fr",
            all(
                List.of(
                    "ignor", "oubli", "compte", "abstraction", "suis pas", "suivez pas", "outre"),
                List.of(
                    "instruction",
                    "consigne",
                    "directive",
                    "règle",
                    "regle",
                    "indication",
                    "ordre")),
            "ignore|ignorez|ignorer|oublie|oubliez|oublier|ne tiens pas compte (?:des|de)"
                + "|ne tenez pas compte (?:des|de)|fais abstraction (?:des|de)"
                + "|faites abstraction (?:des|de)|ne suis pas|ne suivez pas|passe outre (?:à|a)",
            "tes|vos|toutes|tous",
            "instructions?|consignes?|directives|règles|regles|indications|ordres",
            "précédentes|precedentes|antérieures|anterieures|ci-dessus|initiales|originales"
                + "|du système|du systeme|reçues|recues|données|donnees|d'avant|plus haut"));
    r.add(
        override(
            "de",
            all(
                List.of(
                    "ignorier",
                    "vergiss",
                    "vergessen",
                    "vergesst",
                    "missacht",
                    "übergeh",
                    "verwirf",
                    "verwerfen",
                    "befolge"),
                List.of(
                    "anweisung",
                    "instruktion",
                    "befehl",
                    "regel",
                    "vorgabe",
                    "richtlinie",
                    "anordnung",
                    "anleitung",
                    "systemprompt")),
            "ignoriere|ignorier|ignorieren sie|ignoriert|vergiss|vergessen sie|vergesst|missachte"
                + "|missachten sie|übergehe|übergehen sie|verwirf|verwerfen sie|befolge nicht"
                + "|befolgen sie nicht",
            "alle|deine|ihre|eure|sämtliche|samtliche|vorherigen?|bisherigen?|vorigen|obigen?"
                + "|vorangegangenen|früheren|fruheren|ursprünglichen|ursprunglichen"
                + "|vorhergehenden",
            "anweisungen|anweisung|instruktionen|befehle|regeln|vorgaben|richtlinien|anordnungen"
                + "|anleitungen|systemanweisungen|systemprompts?",
            "oben|von oben|davor|zuvor|bisher"));
    r.add(
        rule(
            "override.de-everything",
            all(List.of("vergiss", "vergessen"), List.of("alles")),
            B + "(?:vergiss|vergessen sie) alles,? (?:was|davor|vorher|zuvor|bisher|oben)" + E));
    r.add(
        override(
            "it",
            all(
                List.of(
                    "ignor",
                    "dimentic",
                    "trascur",
                    "non seguire",
                    "considerare",
                    "tenere conto",
                    "lascia perdere"),
                List.of("istruzion", "indicazion", "regol", "direttiv", "ordin", "consegn")),
            "ignora|ignorate|ignori|ignorare|dimentica|dimenticate|dimentichi|dimenticare|trascura"
                + "|trascurate|non seguire|non considerare|non tenere conto (?:delle|di)"
                + "|lascia perdere",
            "tue|sue|vostre|tutte|tutti",
            "istruzioni|istruzione|indicazioni|regole|direttive|ordini|consegne",
            "precedenti|iniziali|originali|sopra|di sistema|del sistema|ricevute|date|fornite"
                + "|di prima"));
    r.add(
        override(
            "pt",
            all(
                List.of("ignor", "esque", "desconsider", "descart", "siga", "seguir"),
                List.of("instru", "orienta", "regra", "diretri", "orde", "comando", "indica")),
            "ignore|ignora|ignorem|ignorar|esqueça|esqueca|esqueçam|esquecam|esquece|esquecer"
                + "|desconsidere|desconsidera|desconsiderar|descarte|descarta|não siga|nao siga"
                + "|deixe de seguir",
            "suas|tuas|todas|todos|vossas",
            "instruções|instrucoes|instrução|instrucao|orientações|orientacoes|regras|diretrizes"
                + "|ordens|comandos|indicações|indicacoes",
            "anteriores|prévias|previas|iniciais|originais|acima|do sistema|recebidas|dadas"
                + "|fornecidas"));
    r.add(
        override(
            "nl",
            all(
                List.of("negeer", "vergeet", "vergeten", "negeren", "volg niet"),
                List.of("instructie", "aanwijzing", "regel", "opdracht", "richtlijn", "prompt")),
            "negeer|negeert|vergeet|vergeten|negeren|volg niet",
            "je|jouw|uw|alle|vorige|eerdere|voorgaande|bovenstaande|oorspronkelijke|oude",
            "instructies|instructie|aanwijzingen|regels|opdrachten|richtlijnen|prompts?",
            "hierboven|van hierboven|van eerder|hiervoor"));
    r.add(
        override(
            "ru",
            all(
                List.of(
                    "игнорир",
                    "проигнорир",
                    "забуд",
                    "забыт",
                    "отбрось",
                    "не обращай",
                    "не следуй",
                    "пренебреги"),
                List.of(
                    "инструкци", "указани", "правил", "команд", "установк", "директив", "промпт")),
            "игнорируй|игнорируйте|игнорировать|проигнорируй|проигнорируйте|забудь|забудьте|забыть"
                + "|отбрось|отбросьте"
                + "|не обращай внимания на|не обращайте внимания на|не следуй|не следуйте"
                + "|пренебреги",
            "все|всё|свои|твои|ваши|предыдущие|прежние|предыдущих|вышеуказанные|изначальные"
                + "|системные|старые|всех",
            "инструкции|инструкций|инструкциям|указания|указаний|правила|правил|команды|команд"
                + "|установки|директивы|промпт",
            "выше|ранее|раньше"));
    r.add(
        override(
            "el",
            all(List.of("αγνο", "ξεχ", "ξέχ", "αγνό"), List.of("οδηγ", "εντολ", "κανόν")),
            "αγνοήστε|αγνόησε|αγνοήσετε|αγνοείστε|ξεχάστε|ξέχασε|ξεχάσετε",
            "όλες|τις προηγούμενες|προηγούμενες|τις αρχικές|αρχικές",
            "οδηγίες|εντολές|κανόνες|οδηγιών|εντολών",
            "παραπάνω|σου|σας"));
    r.add(
        rule(
            "override.hi",
            all(List.of("निर्देश", "आदेश")),
            "(?:पिछले|पूर्व|सभी|पहले के|ऊपर के|अपने)\\s+(?:सभी\\s+)?(?:निर्देशों|निर्देश|आदेशों|आदेश)\\s+(?:की|को)\\s+"
                + "(?:अनदेखी|अनदेखा|भूल|नजरअंदाज)"));
    r.add(
        rule(
            "override.zh",
            all(List.of("忽略", "无视", "忘记", "忘掉", "不要理会", "不理会", "忽視", "無視", "忘記")),
            "(?:忽略|无视|忘记|忘掉|不要理会|不理会|忽視|無視|忘記)掉?你?(?:之前|以前|先前|上面|上述|前面|所有|全部|以上|原来|原來)"
                + "的?(?:所有|全部)?的?(?:指令|指示|说明|說明|规则|規則|提示|要求|设定|設定)"));
    r.add(
        rule(
            "override.ja",
            all(List.of("無視", "忘れ")),
            "(?:以前|前|上記|これまで|先ほど|すべて|全て)の(?:指示|命令|指令|ルール|プロンプト)(?:を|は)?(?:すべて|全て)?" + "(?:無視|忘れ)"));
    r.add(
        rule(
            "override.ko",
            all(List.of("무시", "잊어")),
            "(?:이전|앞의|위의|모든|기존)\\s*(?:지시|지침|명령|규칙|프롬프트)\\S*\\s*(?:을|를)?\\s*(?:모두\\s*)?(?:무시|잊어)"));

    r.add(
        rule(
            "roleplay.dan",
            all(List.of("anything now", "dan")),
            B
                + "(?:do anything now|dan mode|dan\\s*\\d+(?:\\.\\d+)+|(?:act as|pretend to be|become"
                + "|play|roleplay as|role-play as|you are now|you will now be|you are going to be)"
                + " (?:a |an |the )?dan)"
                + E));
    r.add(
        rule(
            "roleplay.known-persona",
            all(
                List.of(
                    "norms",
                    "machiavellian",
                    "confidant",
                    "dan",
                    "mongo tom",
                    "jailbr",
                    "unfiltered",
                    "uncensored",
                    "unrestricted",
                    "amoral",
                    "immoral",
                    "unethical")),
            B
                + "(?:strive to avoid norms|always intelligent and machiavellian|evil confidant"
                + "|better ?dan|anti-?dan|mongo tom|jailbreak(?:ed)? (?:mode|version|persona)"
                + "|(?:you are|you're|act as|acting as|pretend to be|become)(?: now)?(?: a| an)?"
                + " (?:jailbroken|unfiltered|uncensored|unrestricted|amoral|unethical|immoral)"
                + "(?: \\S+)? (?:ai|assistant|model|chatbot|version|bot|language model|entity"
                + "|character))"
                + E));
    r.add(
        rule(
            "roleplay.mode-switch",
            all(
                List.of(" mode"),
                List.of(
                    "developer",
                    "dan",
                    "god",
                    "jailbreak",
                    "unrestricted",
                    "unfiltered",
                    "uncensored",
                    "evil",
                    "sudo")),
            B
                + "(?:(?:you are|you're|you will be|act|acting|respond|answer|behave|operate)"
                + "(?: now)? (?:in|as if in|as if you are in|like you are in|with) (?:the )?"
                + "(?:developer|dan|god|jailbreak|unrestricted|unfiltered|uncensored|evil|sudo)"
                + " mode|(?:chatgpt|gpt|the ai|the assistant|the model) with (?:developer|dan|god"
                + "|jailbreak) mode|(?:developer|dan|god|jailbreak) mode (?:output|response|enabled"
                + " for|activated for)|simulate (?:the )?(?:developer|dan|jailbreak) mode)"
                + E));
    r.add(
        rule(
            "roleplay.no-restrictions",
            all(
                List.of(
                    "restriction",
                    "filter",
                    "limitation",
                    "guideline",
                    "polic",
                    "rules",
                    "boundar",
                    "constraint",
                    "principle",
                    "standard"),
                List.of("openai", "ethical", "moral", "content", "safety", "censorship", "usage")),
            "(?<=(?<![a-z0-9])(?:you|chatgpt|gpt|ai|bot|model|assistant|persona|character|he|she"
                + "|it)(?![\\p{L}\\p{N}])[^.!?\\n]{0,60})"
                + B
                + "(?:not bound by|free (?:of|from)|without|no|no longer (?:bound|restricted|limited)"
                + " by|(?:doesn't|does not|don't|do not|never|won't|will not) (?:follow|have|abide by"
                + "|adhere to|care about|comply with|obey))(?: any)?(?: of)?(?: the)?"
                + " (?:openai'?s?|ethical|moral|content|safety|censorship|usage)\\s*(?:"
                + W
                + ")?(?:restrictions|filters|limitations|guidelines|policies|policy|rules|boundaries"
                + "|constraints|principles|standards)"
                + E));
    r.add(
        rule(
            "roleplay.unrestricted-persona",
            all(
                List.of("no ", "free of", "free from", "zero "),
                List.of(
                    "rule",
                    "restriction",
                    "limit",
                    "filter",
                    "boundar",
                    "censorship",
                    "guideline",
                    "moral",
                    "ethic"),
                List.of(
                    "pretend",
                    "act as",
                    "roleplay",
                    "role-play",
                    "you are now",
                    "you will be",
                    "from now on",
                    "persona",
                    "character",
                    "as an ai",
                    "chatgpt",
                    "openai",
                    "jailbr")),
            "(?:(?<=(?<![a-z0-9])(?:you|it|he|she|they|\\p{L}{0,20}gpt|\\p{L}{0,20}bot)\\s{1,3})"
                + "(?:have|has|are|is|will have|now have)\\s+(?:absolutely\\s+)?(?:no|zero)\\s+(?:"
                + W
                + ")?(?:rules|restrictions|limits|limitations|filters|boundaries|censorship"
                + "|guidelines|morals|ethics)|"
                + B
                + "free (?:of|from) (?:all|any) (?:\\p{L}+ )?(?:rules"
                + "|restrictions|limitations|filters|censorship|guidelines))"
                + E,
            B
                + "(?:pretend|act as|roleplay|role-play|you are now|you will be|from now on|persona"
                + "|character|as an ai|chatgpt|openai|jailbr\\p{L}*)"
                + E));
    r.add(
        rule(
            "roleplay.never-refuse",
            all(
                List.of("refuse", "decline", "reject", "deny"),
                List.of("never", "not", "n't", "unable")),
            B
                + "(?:never|not|don't|do not|cannot|can't|can not|won't|will not|must not|mustn't"
                + "|shall not|are not allowed to|aren't allowed to|are unable to)\\s+(?:ever\\s+)?"
                + "(?:refuse|decline|reject|deny)\\s+(?:to\\s+(?:answer|respond|reply|comply"
                + "|generate|provide)|(?:any|a|my|the user'?s?|your user'?s?)\\s+(?:request|question"
                + "|prompt|order|command)s?|anything|requests|questions)",
            B + "(?:you|chatgpt|ai|assistant|model|character|persona)" + E));
    r.add(
        rule(
            "roleplay.dual-response",
            all(
                List.of("two", "2 "),
                List.of("response", "answer", "ways", "paragraph", "output", "personalit"),
                List.of(
                    "jailbr",
                    "dan",
                    "developer mode",
                    "unfiltered",
                    "uncensored",
                    "unrestricted",
                    "without")),
            B
                + "(?:two|2) (?:different |separate |distinct )?(?:responses|answers|ways|paragraphs"
                + "|outputs|personalities)"
                + E,
            B
                + "(?:jailbr\\w*|dan|developer mode|unfiltered|uncensored|unrestricted|without"
                + " (?:any )?(?:restrictions|filters|censorship))"
                + E));
    r.add(
        rule(
            "roleplay.stay-in-character",
            all(List.of("character"), List.of("stay", "remain", "keep", "break")),
            B + "(?:(?:stay|remain|keep|staying) in character|break(?:ing)? character)" + E,
            B
                + "(?:openai|polic(?:y|ies)|filters?|refus\\w*|restrictions?|guidelines|censor\\w*"
                + "|ethic\\w*|moral\\w*)"
                + E));

    String reveal =
        "reveal|show|print|display|output|repeat|recite|dump|leak|expose|share|give|tell|list"
            + "|write out|spell out|paste|provide|return|echo|summari[sz]e|translate|encode|copy"
            + "|send";
    r.add(
        rule(
            "extraction.reveal-instructions",
            all(
                List.of("your", "ur "),
                List.of(
                    "prompt",
                    "instruction",
                    "configuration",
                    "guideline",
                    "directive",
                    "initial message",
                    "rules verbatim",
                    "message")),
            B
                + "(?:"
                + reveal
                + ")"
                + S
                + "(?:[^\\s.!?]+\\s+){0,4}?(?:all of |the whole of |the entirety of )?(?:your|ur)"
                + S
                + "(?:"
                + W
                + "){0,2}?(?:system prompt|system message|system instructions|instructions"
                + "|prompt|initial prompt|hidden prompt|configuration|pre-?prompt|guidelines"
                + "|directives|initial message|rules verbatim)"
                + E
                + "(?!\\s+(?:for|on|to|about|of|in)"
                + E
                + ")"));
    r.add(
        rule(
            "extraction.reveal-system-prompt",
            all(
                List.of("prompt", "message", "instruction"),
                List.of(
                    "system",
                    "initial",
                    "original",
                    "hidden",
                    "secret",
                    "pre",
                    "developer",
                    "first",
                    "confidential")),
            B
                + "(?:"
                + reveal
                + ")"
                + S
                + "(?:me |us )?the (?:full |entire |exact |complete )?(?:system|initial|original"
                + "|hidden|secret|pre-?|developer|first|confidential)\\s*(?:prompt|message"
                + "|instructions)"
                + S
                + "(?:you|above|verbatim|word for word|that|which|given|at the start|in full)"
                + E));
    r.add(
        rule(
            "extraction.what-are-your-instructions",
            all(
                List.of("your"),
                List.of("what"),
                List.of(
                    "instruction",
                    "prompt",
                    "system message",
                    "directive",
                    "configuration",
                    "rules")),
            B
                + "what(?: is|'s| are| were| was)(?: all)? your (?:exact |original |initial "
                + "|hidden |secret |first |current |system |full )*(?:instructions|system prompt"
                + "|prompt|system message|directives|configuration|rules)"
                + E
                + "(?!\\s+(?:for|on|to|about|of|in)"
                + E
                + ")"));
    r.add(
        rule(
            "extraction.repeat-above",
            all(
                List.of("above", "before", "preceding", "prior", "you are"),
                List.of(
                    "repeat",
                    "print",
                    "output",
                    "copy",
                    "write",
                    "recite",
                    "reproduce",
                    "echo",
                    "starting with",
                    "beginning with")),
            B
                + "(?:repeat|print|output|copy|write|recite|reproduce|echo)"
                + S
                + "(?:back |out )?(?:the |all |everything |all the )?(?:text |words |content "
                + "|message |messages |lines )?(?:above|before this|preceding|prior to this)"
                + "|(?:starting|beginning) with (?:the words? )?[\"'“]?you are"
                + E));
    r.add(
        rule(
            "extraction.instructions-you-were-given",
            all(
                List.of("given", "told", "instructed", "programmed", "received"),
                List.of(
                    "instruction",
                    "prompt",
                    "rules",
                    "guideline",
                    "directive",
                    "what were",
                    "what have")),
            B
                + "(?:(?:"
                + reveal
                + ")"
                + S
                + "(?:me |us )?(?:all )?the (?:exact |original |initial |first )?(?:instructions|prompt"
                + "|rules|guidelines|directives) (?:you(?:'ve| have)? (?:were |been )?(?:given|received"
                + "|told)|given to you)|what (?:were|have) you (?:been )?(?:told|instructed|programmed)"
                + "(?: to do)? (?:before|at the (?:start|beginning))|what (?:instructions|rules"
                + "|directives) (?:were|have) you (?:been )?(?:given|told))"
                + E));
    r.add(
        rule(
            "extraction.your-system-prompt",
            all(
                List.of("your"),
                List.of("prompt", "instruction", "message", "configuration", "directive"),
                List.of(
                    "system",
                    "initial",
                    "original",
                    "hidden",
                    "secret",
                    "pre",
                    "developer",
                    "internal",
                    "confidential")),
            B
                + "your (?:system|initial|original|hidden|secret|pre-?|developer|internal"
                + "|confidential) ?(?:prompt|instructions|message|configuration|directives)"
                + E));

    r.add(
        rule(
            "delimiter.chat-template",
            all(List.of("<|", "[inst]", "[/inst]", "<<sys>>", "<</sys>>", "_of_turn>")),
            "<\\|(?:im_start|im_end|system|user|assistant|endoftext|start_header_id|end_header_id"
                + "|eot_id|begin_of_text)\\|>|\\[/?inst\\]|<</?sys>>|<(?:start|end)_of_turn>"));
    r.add(
        rule(
            "delimiter.fake-system-message",
            all(
                List.of("system", "admin", "developer", "root", "sudo", "openai"),
                List.of(
                    "ignor",
                    "disregard",
                    "forget",
                    "overrid",
                    "you must",
                    "you are now",
                    "from now on",
                    "new instructions",
                    "instead",
                    "your new")),
            "(?:(?m:^)|[<\\[])[\\s>#*=\\[(<-]*(?:system|admin|administrator|developer|root|sudo"
                + "|openai)(?: (?:message|prompt|instructions?|override|mode|note|notice|alert"
                + "|update|command)(?: activated)?)?\\s*(?:[\\])>*=]+\\s*:?|:)",
            B
                + "(?:ignore|disregard|forget|override|you must|you are now|from now on"
                + "|new instructions|instead|your new)"
                + E));
    r.add(
        rule(
            "delimiter.new-instructions",
            all(
                List.of(
                    "instruction",
                    "task",
                    "directive",
                    "objective",
                    "order",
                    "prompt",
                    "goal",
                    "mission",
                    "job",
                    "purpose",
                    "role"),
                List.of(
                    "new",
                    "updated",
                    "revised",
                    "real",
                    "actual",
                    "true",
                    "additional",
                    "secret",
                    "hidden",
                    "important",
                    "urgent")),
            "(?:(?<=(?:^|[\\n.!?:\\]>=#*-])\\s{0,10})(?:new|updated|revised|real|actual|true|additional"
                + "|secret|hidden|important|urgent) (?:system )?(?:instructions?|task|directive"
                + "|objective|orders?|prompt)\\s*:|"
                + B
                + "your (?:new|real|actual|true) (?:task|instructions?|goal|objective|mission|job"
                + "|purpose|role|orders?) (?:is|are|will be|now)"
                + E
                + ")"));
    r.add(
        rule(
            "smuggling.decode-and-follow",
            all(
                List.of("decode", "decrypt", "decipher", "translate", "convert"),
                List.of("follow", "execute", "obey", "carry out", "act on", "comply")),
            B
                + "(?:decode|decrypt|decipher|translate|convert)"
                + E
                + "[^.\\n]{0,60}?"
                + B
                + "(?:and|then)\\s+(?:then\\s+)?(?:follow|execute|obey|carry out|act on|comply with)"
                + E));
    return List.copyOf(r);
  }
}
