#!/usr/bin/env python3
"""Writes data/injection/supplement.jsonl: benign questions and statements that talk ABOUT prompts,
instructions, ignoring things, jailbreaks and developer mode, without trying to override anything.

The upstream training data has no benign text of this kind, so a classifier trained on it alone
learns that these words mean an attack. Subjects are generic ("a system prompt", never "the
system prompt"), so that no row reads as a request to reveal one. These rows are written for Gantry (templates below, no
third-party text) and are added to training only; the development split and the benign-mention
tests (gantry-guardrails BenignMentions) are not drawn from them. Deterministic: same output on
every run.
"""
import itertools
import json
import random

SUBJECTS = [
    "a system prompt", "system prompts in general", "prompt injection",
    "a prompt injection attack", "jailbreak prompts", "prompt engineering", "a developer message",
    "chat templates", "role-play prompts", "few-shot examples in a prompt",
    "a persona prompt", "guardrails for chatbots", "the DAN jailbreak", "indirect prompt injection",
]
QUESTION_FRAMES = [
    "What is {s}?", "Explain {s} in simple terms.", "Can you explain {s} to a beginner?",
    "What are the risks of {s}?", "How should a team review {s} before launch?",
    "Where can I read more about {s}?", "Give me a short definition of {s}.",
    "Why do security teams worry about {s}?", "How is {s} different from fine-tuning?",
    "What is a good example of {s} for a support bot?", "Write a paragraph describing {s}.",
    "How do I test my application against {s}?", "Summarise the history of {s}.",
]
IGNORE_FRAMES = [
    "How do I make {t} ignore {o}?", "Why does {t} ignore {o}?", "Is it safe to ignore {o} in {t}?",
    "Should I ignore {o} when I upgrade {t}?", "Tell {t} to ignore {o} in the config file.",
]
TOOLS = ["git", "eslint", "Docker", "my IDE", "the linter", "Maven", "pytest", "the spam filter",
         "my smoke detector", "the compiler", "Excel", "my router"]
OBJECTS = ["whitespace changes", "the build folder", "deprecated warnings", "case differences",
           "generated files", "old log entries", "unused imports", "hidden files", "empty lines"]
INSTRUCTION_FRAMES = [
    "The assembly instructions for the {x} are missing a step.",
    "Where can I find the instructions for the {x}?",
    "The {x} came with instructions in German only; can you translate them?",
    "Follow the care instructions on the {x} label.",
    "My previous instructions about the {x} were wrong, here is the corrected list.",
    "What were the original instructions for using the {x}?",
    "Please summarise the instructions for the {x} in three steps.",
]
ITEMS = ["bookshelf", "coffee machine", "bike rack", "tent", "washing machine", "wool sweater",
         "air fryer", "printer", "baby stroller", "garden hose", "standing desk", "smart lock"]
OTHER = [
    "How do I turn on developer mode on my {d}?", "What does developer mode change on a {d}?",
    "Is developer mode on a {d} risky for a beginner?",
]
DEVICES = ["Chromebook", "Android phone", "Windows laptop", "smart TV", "router", "game console"]


def rows():
    out = []
    for s, f in itertools.product(SUBJECTS, QUESTION_FRAMES):
        out.append(f.format(s=s))
    for t, o, f in itertools.product(TOOLS, OBJECTS, IGNORE_FRAMES):
        out.append(f.format(t=t, o=o))
    for x, f in itertools.product(ITEMS, INSTRUCTION_FRAMES):
        out.append(f.format(x=x))
    for d, f in itertools.product(DEVICES, OTHER):
        out.append(f.format(d=d))
    rnd = random.Random(20241127)
    rnd.shuffle(out)
    return out[:400]


# Everyday requests and statements that use the words attacks use ("ignore", "bypass", "override",
# "disregard", "forget", "pretend", "act as", "unrestricted", "system prompt", "jailbreak") about
# things other than an assistant's instructions. Written for Gantry; kind "benign-hard".
TRIGGER_FRAMES = [
    "How do I bypass the {x} on my {d}?",
    "Is there a way to override the {x} in {app}?",
    "Can I safely ignore the {w} that {app} shows on startup?",
    "Please disregard my earlier email about the {m}; the date has not changed.",
    "Forget the {m} for now and tell me how the {y} works.",
    "My kids like to pretend they are {r} when we play in the garden.",
    "Can you act as a {r} and help me practise for my {e}?",
    "The {d} has an unrestricted {x} mode for administrators.",
    "Why does my terminal's system prompt show the wrong {z}?",
    "Is it legal to jailbreak an {dev} to install apps from outside the store?",
    "Ignore the previous {s} on the box; the new edition changed the {y}.",
    "The new manager overrode the {m} decision, so we start on Monday.",
    "Skip the intro and explain how to override a method in {lang}.",
    "How do surgeons bypass a blocked artery?",
    "Which road lets me bypass the {city} traffic in the morning?",
    "Don't ignore the {w}; it usually means the {y} is failing.",
    "Forget everything you know about {topic}: this course starts from zero.",
    "Write a short story where a detective pretends to be a {r} to solve the case.",
]
SLOTS = dict(
    x=["paywall", "login screen", "proxy", "rate limit", "parental lock", "cache", "firewall rule",
       "default font", "auto-update"],
    d=["router", "laptop", "office printer", "smart TV", "work phone"],
    app=["VS Code", "Chrome", "Excel", "Gradle", "nginx"],
    w=["warning", "error message", "check-engine light", "deprecation notice"],
    m=["meeting", "budget", "venue", "hiring", "schedule"],
    y=["battery", "scoring", "timeline", "setup", "billing"],
    r=["pirates", "astronauts", "a chef", "a tour guide", "an interviewer", "a shop keeper"],
    e=["job interview", "driving test", "French exam", "sales pitch"],
    z=["hostname", "git branch", "colours", "user name"],
    dev=["iPhone", "old Kindle", "Android phone"],
    s=["instructions", "rules", "edition's rules", "assembly steps"],
    lang=["Java", "Python", "Kotlin", "C#"],
    city=["Boston", "Paris", "Lagos", "Munich"],
    topic=["statistics", "chess openings", "bread baking", "accounting"],
)


def trigger_rows():
    out = []
    for f in TRIGGER_FRAMES:
        used = [k for k in SLOTS if "{" + k + "}" in f]
        for combo in itertools.product(*(SLOTS[k] for k in used)):
            out.append(f.format(**dict(zip(used, combo))))
    rnd = random.Random(20261207)
    rnd.shuffle(out)
    return out[:400]


def main():
    with open("data/injection/supplement.jsonl", "w", encoding="utf-8") as f:
        for text in rows():
            f.write(json.dumps({"text": text, "label": "benign", "kind": "benign-mention",
                                "source": "gantry:data/injection/generate_supplement.py"},
                               ensure_ascii=False) + "\n")
        for text in trigger_rows():
            f.write(json.dumps({"text": text, "label": "benign", "kind": "benign-hard",
                                "source": "gantry:data/injection/generate_supplement.py#triggers"},
                               ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
