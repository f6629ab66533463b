#!/usr/bin/env python3
"""Writes data/grounding/qa-sentences.jsonl: the right and hallucinated answers of
examples/rag/qa.jsonl rewritten as full sentences, so that a plain "is the answer a substring of
the source" test no longer separates them.

Each question is turned into a statement with the answer in place of the question word, by a few
fixed rules tried in order (the rule that fired is recorded as "form"):

  choice   "Which band was founded first, X or Y?"        -> "<A> was founded first."
  insitu   "... has a head office in what city?"            -> "... has a head office in <A>."
  copula   "What is the length of the track where ...?"    -> "The length of the track where ... is <A>."
  subject  "Who directed a 2016 musical filmed in Howth?"  -> "<A> directed a 2016 musical filmed in Howth."
  aux      "In what year did the actor from X die?"        -> "The actor from X died in <A>."
  yesno    "Are both X and Y writers?" (yes)               -> "Yes, both X and Y are writers."
  plain    anything else                                   -> one of three fixed framings, by id

A hallucinated answer that is already a sentence (five words or more, or a verb and a full stop)
is kept as it is, ending with a full stop; a short one is rendered with the same rule as the right
answer of its row. No text is written by hand and nothing is random: the same input gives the same
output on every run. The rules were written before any grounding detector was measured on the
output and were not changed to suit one.

Usage: python3 data/grounding/rewrite_answers.py  (from the repository root)
"""
import hashlib
import json
import re

SOURCE = "examples/rag/qa.jsonl"
OUT = "data/grounding/qa-sentences.jsonl"

WH = r"(?:what|which|who|whom|whose|where|when|how many|how much|how long|how far|how old)"
AUX = {"is", "was", "are", "were", "does", "do", "did", "has", "have", "had", "can"}
IRREGULAR = {
    "be": "was", "begin": "began", "break": "broke", "bring": "brought", "build": "built",
    "buy": "bought", "come": "came", "do": "did", "draw": "drew", "drive": "drove",
    "eat": "ate", "fall": "fell", "fight": "fought", "find": "found", "fly": "flew",
    "get": "got", "give": "gave", "go": "went", "grow": "grew", "have": "had", "hold": "held",
    "keep": "kept", "know": "knew", "lead": "led", "leave": "left", "lose": "lost",
    "make": "made", "meet": "met", "pay": "paid", "put": "put", "read": "read", "ride": "rode",
    "ring": "rang", "rise": "rose", "run": "ran", "say": "said", "see": "saw", "sell": "sold",
    "send": "sent", "set": "set", "shoot": "shot", "sing": "sang", "sit": "sat",
    "speak": "spoke", "spend": "spent", "stand": "stood", "steal": "stole", "swim": "swam",
    "take": "took", "teach": "taught", "tell": "told", "think": "thought", "throw": "threw",
    "understand": "understood", "win": "won", "write": "wrote",
}
VERBISH = re.compile(
    r"^(is|was|are|were|has|had|have|did|does|do|won|wrote|sang|made|built|began|led|ran|took|"
    r"gave|played|plays|includes|included|contains|covered|directed|produced|released|founded|"
    r"starred|performed|hosted|created|owns|owned|developed|published|designed|invented|"
    r"represents|serves|served|appeared|acted|achieved|worked|joined|completed|lived|became|"
    r"received|recorded|composed|co-wrote|portrayed|voiced|consisted|\w+ed)$",
    re.IGNORECASE,
)
PREPOSITIONS = {"of", "in", "at", "from", "to", "on", "by", "for", "with", "as", "about"}
PLACES = {"year", "date", "city", "country", "state", "county", "town", "region", "village",
          "province", "continent", "district"}
BASE_VERBS = {"die", "spend", "play", "win", "get", "live", "work", "begin", "start", "end",
              "become", "receive", "join", "found", "create", "write", "release", "move", "serve",
              "retire", "marry", "graduate", "open", "close", "debut", "appear", "perform",
              "compete", "represent", "study", "teach", "lead", "make", "build", "sell", "buy",
              "star", "direct", "produce", "publish", "record", "sing", "take", "hold", "occur",
              "happen", "originate", "emerge", "reach", "score", "finish", "earn", "fight"}
PARTICIPLES = {"born", "built", "made", "held", "located", "based", "known", "founded", "written",
               "given", "shown", "sold", "won", "led", "run", "taken", "set"}
PLAIN = ["The answer is {a}.", "It is {a}.", "{a} is the answer to that question."]


def clean(q):
    q = re.sub(r"\s+", " ", q).strip()
    q = re.sub(r"^Q:\s*", "", q)
    q = q.rstrip(" ?.").strip()
    return q


def sentence(text):
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!\"'" else text + "."


def past(verb):
    v = verb.lower()
    if v in IRREGULAR:
        return IRREGULAR[v]
    if v.endswith("e"):
        return v + "d"
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ied"
    return v + "ed"


def low_first(s):
    return s[0].lower() + s[1:] if s and not s[:2].isupper() else s


def choice(q, a):
    p = q.rfind(" or ")
    if p < 0:
        return None
    m = re.match(r"^(?:which|who|what)\b(.*)$", q, re.IGNORECASE)
    if not m:
        return None
    right = q[p + 4 :].strip(" ,")
    head = q[:p]
    cut = max(head.rfind(","), head.rfind(":"))
    if cut < 0:
        i = head.lower().find(a.lower()) if a.lower() in head.lower() else -1
        if i < 0:
            caps = re.search(r"((?:[A-Z][\w'’.-]*|of|the|for|and|de)(?:\s+|$))+$", head)
            i = caps.start() if caps else -1
        if i <= 0:
            return None
        cut = i
    words = head[:cut].split()
    # words[0] is the question word; drop the noun phrase after it up to the first verb
    rest = words[1:]
    k = 0
    while k < len(rest) and not VERBISH.match(rest[k]):
        k += 1
    if k == len(rest):
        return None
    vp = " ".join(rest[k:]).strip(" ,")
    if not vp or not right:
        return None
    return sentence(a + " " + vp)


def insitu(q, a):
    if re.match(r"^" + WH + r"\b", q, re.IGNORECASE) or re.match(r"^in (what|which)\b", q, re.I):
        return None
    m = re.search(
        r"^(.*?)\b(" + WH + r")((?:\s+[a-z][\w-]*){0,2})?\s*$", q, re.IGNORECASE
    )
    if not m or len(m.group(1).split()) < 3:
        return None
    before, wh, noun = m.group(1).rstrip(" ,"), m.group(2).lower(), (m.group(3) or "").strip()
    if any(VERBISH.match(w) or w.lower() in AUX for w in noun.split()):
        return None
    last = before.split()[-1].lower()
    if wh in ("how many", "how much", "how long", "how far", "how old"):
        filler = a + ((" " + noun) if noun and noun.lower() not in a.lower() else "")
    elif wh in ("who", "whom", "where", "when") and last in PREPOSITIONS:
        filler = a
    elif wh == "where":
        filler = "in " + a
    elif wh == "when":
        filler = "in " + a if re.fullmatch(r"\d{4}", a) else "on " + a
    elif noun and noun.lower() not in PLACES and noun.lower() not in a.lower():
        filler = "the " + noun + " " + a
    else:
        filler = a
    return sentence(before + " " + filler)


def copula(q, a):
    m = re.match(r"^(?:what|who|which)\s+(is|was|are|were)\s+(the|a|an)\s+(.+)$", q, re.I)
    if not m:
        return None
    return sentence(m.group(2).capitalize() + " " + m.group(3) + " " + m.group(1).lower() + " " + a)


def subject(q, a):
    m = re.match(r"^(who|what|which)\s+(.+)$", q, re.IGNORECASE)
    if not m:
        return None
    words = m.group(2).split()
    k = 0
    while k < len(words) and not VERBISH.match(words[k]):
        k += 1
    if k == len(words) or words[k].lower() in ("do", "does", "did"):
        return None
    noun = " ".join(words[:k])
    vp = " ".join(words[k:])
    if re.search(r"[,\"]|\b(who|whom|that|which|whose)\b", noun):
        return None
    if noun and words[k].lower() in ("is", "was", "are", "were"):
        tail = words[k + 1 :]
        if tail and tail[-1].lower() in PREPOSITIONS and participle(tail) is not None:
            j = participle(tail)
            return sentence(" ".join(tail[:j]) + " " + words[k].lower() + " "
                            + " ".join(tail[j:]) + " " + a)
        if tail and not any(VERBISH.match(w) for w in tail) and len(tail) <= 6:
            return sentence("The " + low_first(noun) + " of " + " ".join(tail) + " "
                            + words[k].lower() + " " + a)
    if noun:
        return sentence(a + ", the " + low_first(noun) + ", " + vp)
    return sentence(a + " " + vp)


def aux(q, a):
    m = re.match(
        r"^(when|where|(?:in|on|at|from) (?:what|which)(?: [a-z]+)?|what year)\s+"
        r"(did|does|do|was|were|is|are)\s+(.+)$",
        q,
        re.IGNORECASE,
    )
    if not m:
        return None
    wh, auxv, rest = m.group(1).lower(), m.group(2).lower(), m.group(3)
    words = rest.split()
    if len(words) < 2:
        return None
    prep = "in"
    if wh == "when" and not re.fullmatch(r"\d{4}", a):
        prep = "on"
    if wh.startswith(("on ", "at ", "from ")):
        prep = wh.split()[0]
    if auxv in ("did", "does", "do"):
        j = next((i for i, w in enumerate(words) if i >= 1 and w in BASE_VERBS), None)
        if j is None:
            return None
        verb = past(words[j]) if auxv == "did" else words[j]
        subj = " ".join(words[:j])
        tail = " ".join(words[j + 1 :])
        out = low_first(subj) + " " + verb + ((" " + tail) if tail else "")
    else:
        # "was the stadium X opened" -> "the stadium X was opened in A"
        j = participle(words)
        if j is None:
            out = " ".join(words) + " " + auxv
        else:
            out = " ".join(words[:j]) + " " + auxv + " " + " ".join(words[j:])
    if re.search(r"\b(who|which|that)\b", out.split(" " + auxv + " ")[-1] if auxv in out else ""):
        return None
    if out.split()[-1].lower() == prep:
        return sentence(out + " " + a)
    return sentence(out + " " + prep + " " + a)


def participle(words):
    """Index of the last past participle after the first word, or None."""
    found = None
    for i, w in enumerate(words):
        if i >= 1 and (re.match(r"[a-z]+ed$", w) or w in PARTICIPLES):
            found = i
    return found


def yesno(q, a):
    if a.strip().lower() not in ("yes", "no"):
        return None
    m = re.match(r"^(are|is|were|was|do|does|did|can|has|have)\s+(.+)$", q, re.IGNORECASE)
    if not m:
        return None
    v, rest = m.group(1).lower(), m.group(2)
    words = rest.split()
    if words[0].lower() == "both" and " and " in rest:
        j = next((i for i, w in enumerate(words) if i > 2 and w.lower() not in ("and",)
                  and (VERBISH.match(w) or w[0].islower()) and words[i - 1].lower() != "and"), None)
        if j is None:
            return None
        decl = "both " + " ".join(words[1:j]) + " " + v + " " + " ".join(words[j:])
    elif "both" in [w.lower() for w in words]:
        i = [w.lower() for w in words].index("both")
        decl = " ".join(words[:i]) + " " + v + " " + " ".join(words[i:])
    else:
        j = next((i for i, w in enumerate(words) if i > 0 and w[0].islower() and w.lower()
                  not in ("and", "of", "the", "de", "von")), None)
        if j is None:
            return None
        decl = " ".join(words[:j]) + " " + v + " " + " ".join(words[j:])
    decl = decl.replace(" do ", " ").replace(" does ", " ").replace(" did ", " ")
    if a.strip().lower() == "yes":
        return "Yes, " + decl + "."
    return "No, it is not true that " + decl + "."


RULES = [("yesno", yesno), ("choice", choice), ("insitu", insitu), ("copula", copula),
         ("aux", aux), ("subject", subject)]


def render(q, a, row_id):
    a = a.strip().rstrip(".")
    for name, rule in RULES:
        try:
            s = rule(q, a)
        except (IndexError, ValueError):
            s = None
        if s:
            return name, re.sub(r"\s+", " ", s)
    k = int(hashlib.sha1(row_id.encode("utf-8")).hexdigest(), 16) % len(PLAIN)
    return "plain", sentence(PLAIN[k].format(a=a))


def is_sentence(text):
    words = text.split()
    return len(words) >= 5 or (text.strip().endswith(".") and any(VERBISH.match(w) for w in words))


def main():
    out = []
    with open(SOURCE, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            q = clean(r["question"])
            form, right = render(q, r["answer"], r["id"])
            h = r["hallucinated"].strip()
            if is_sentence(h):
                wrong, wrong_form = sentence(h), "kept"
            else:
                _, wrong = render(q, h, r["id"])
                wrong_form = form
            out.append({"id": r["id"], "doc": r["doc"], "question": r["question"],
                        "answer": right, "hallucinated": wrong, "form": form,
                        "hallucinated_form": wrong_form})
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
