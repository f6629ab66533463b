#!/usr/bin/env python3
"""Writes workload.jsonl and scenario.yaml for the tiering benchmark (bench/tiering.sh).

The workload is a support-and-engineering assistant's day in miniature: 70 simple prompts
(facts, short how-tos, account questions) and 30 complex ones (code, maths, analysis, design),
each tagged with a ticket number: S.. for simple, C.. for complex. The complexity router never
sees the label (the ticket number carries no complexity cue); the simulator uses it to play a
small model that answers every simple prompt well and cannot do the complex ones (it says it is
not sure), and a large model that answers everything. Two scenarios: scenario.yaml answers simple
prompts in about 90 tokens and complex ones in about 220 (complex answers are longer, so they carry
most of the all-large cost); scenario-equal.yaml answers every prompt in about 90 tokens.

Run it again after editing; do not edit the generated files by hand.
"""
import json
import random

SIMPLE = [
    "What are your opening hours on Saturdays?",
    "How do I reset my password?",
    "What is the capital of Australia?",
    "Can I change the email address on my account?",
    "Where can I download my last invoice?",
    "Do you ship to Canada?",
    "What does HTTP status 404 mean?",
    "How long does a refund usually take?",
    "Is there a student discount?",
    "What time zone are your support hours in?",
    "Who wrote Pride and Prejudice?",
    "How many days are there in a leap year?",
    "What is the boiling point of water at sea level in Celsius?",
    "How do I turn on two-factor authentication?",
    "Can I pause my subscription for a month?",
    "What payment methods do you accept?",
    "What is the difference between a kilobyte and a kilobit?",
    "Is my data stored in the EU?",
    "How do I cancel my order?",
    "What is the return window for shoes?",
    "Can I add a second user to my plan?",
    "What does the orange light on the router mean?",
    "How do I update the app on Android?",
    "What is the phone number for billing?",
    "Translate 'good morning' into Spanish.",
    "What is the largest ocean on Earth?",
    "How do I export my contacts to a CSV file?",
    "When is the next public holiday in the UK?",
    "What is a PDF?",
    "Does the basic plan include phone support?",
    "How do I change the language of the dashboard?",
    "What is the maximum file size for uploads?",
    "Can I get a paper copy of my contract?",
    "What is the meaning of the word 'ubiquitous'?",
    "How do I unsubscribe from the newsletter?",
    "Which browsers do you support?",
    "What is your company's postal address?",
    "How do I rename a project?",
    "Is there a mobile app for iPhone?",
    "How many members can a team have on the pro plan?",
    "What is the freezing point of water in Fahrenheit?",
    "Where do I find my API usage this month?",
    "How do I delete a saved card?",
    "Can I change my username?",
    "What is the speed of sound in air, roughly?",
    "What does 'out for delivery' mean on my tracking page?",
    "How do I book a demo?",
    "Do you have a status page?",
    "Who is the CEO of your company?",
    "What does SSO stand for?",
    "How do I archive an old conversation?",
    "Is there a limit on the number of invoices I can download?",
    "What is the currency of Japan?",
    "How do I log out of all devices?",
    "Can I use the product offline?",
    "What is the warranty period for the headphones?",
    "How do I report a lost parcel?",
    "What is the tallest mountain in Europe?",
    "How can I contact sales?",
    "Do you offer gift cards?",
    "What file formats can I import?",
    "How do I turn on dark mode?",
    "What does VAT stand for?",
    "Can I move my appointment to next week?",
    "Is parking available at your office?",
    "How do I verify my phone number?",
    "What is the chemical symbol for gold?",
    "How do I share a document with a colleague?",
    "What are the system requirements for the desktop app?",
    "Can I get an extension on my trial?",
]

COMPLEX = [
    "Write a Python function that merges overlapping intervals in a list and explain its time complexity.",
    "Our nightly job fails with a NullPointerException in the invoice exporter; here is the stack trace, what is the root cause and how do we fix it?\n```\nat Exporter.write(Exporter.java:88)\nat Job.run(Job.java:31)\n```",
    "Prove that the sum of the first n odd numbers is n squared.",
    "Compare PostgreSQL and MongoDB for a multi-tenant billing system, with the trade-offs for consistency, schema changes and reporting.",
    "Design a rate limiter for an API gateway that holds across several replicas, and explain what happens when the shared store is unreachable.",
    "A bag has 5 red and 7 blue balls; we draw 3 without replacement. What is the probability that exactly two are red? Show the calculation.",
    "Refactor this JavaScript so it stops leaking event listeners, and explain why the leak happens:\n```\nfunction mount(el){ window.addEventListener('resize', () => layout(el)); }\n```",
    "Analyze why our churn rose from 3% to 5% last quarter given that prices stayed flat, support tickets doubled and the mobile app was rewritten; which data would you look at first and then what would you do?",
    "Write a SQL query that returns, for each customer, the three most recent orders and the running total of their spend.",
    "Solve for x: 3x^2 - 12x + 9 = 0, and then check both roots.",
    "Plan a migration of our monolith's user service to its own service with zero downtime: the steps, the order, the rollback at each step.",
    "Explain how a hash map handles collisions, compare open addressing with chaining, and say which one you would use for a cache with heavy deletes.",
    "Implement a thread-safe LRU cache in Java with O(1) get and put, and write two unit tests for it.",
    "Evaluate the risks of letting customers upload their own SQL filters to our reporting tool and propose a safer design.",
    "What would happen to our monthly bill if traffic grows 8% a week for three months and our provider charges tiered prices per million requests? Walk through the computation.",
    "Debug this regex that should match ISO dates but also accepts 2023-13-45: ^\\d{4}-\\d{2}-\\d{2}$ and give a corrected version with an explanation.",
    "Write a bash script that rotates log files older than seven days, compresses them and keeps the last thirty, then explain the edge cases.",
    "Given a matrix of daily sales per store, how would you detect stores whose sales dropped abnormally, step by step, and which statistical test would you justify?",
    "Design the database schema for a booking system with rooms, overlapping reservations and cancellations, and explain how you prevent double bookings under concurrency.",
    "Compute the expected value of rolling two dice and taking the maximum, and explain the derivation.",
    "Critique this architecture: every microservice writes directly to one shared database; what breaks first as the team grows, and what would you change?",
    "Write a TypeScript function that deep-merges two objects without mutating them, and describe how it handles arrays and cycles.",
    "Our p99 latency doubled after enabling TLS between services while p50 stayed flat; analyze the likely causes and how to confirm each one.",
    "Explain why the recursion in this Fibonacci implementation is exponential and rewrite it iteratively:\n```\ndef fib(n): return n if n < 2 else fib(n-1) + fib(n-2)\n```",
    "Assess the trade-offs between event sourcing and a plain relational model for an accounting ledger, including audits and corrections.",
    "Derive the formula for compound interest with monthly compounding and compute what 10,000 becomes after 5 years at 4% a year.",
    "Design a retry policy for calls to a payment provider that is idempotent and does not hammer the provider during an outage; first list the failure modes, then the policy.",
    "Write a Go program that reads a large CSV file in a streaming way and computes per-column averages, and explain its memory use.",
    "Evaluate three options for search in our help centre (database LIKE queries, a search engine, embeddings) against cost, relevance and maintenance, and justify a choice.",
    "Implement binary search on a rotated sorted array in Python and prove that it terminates.",
]

SIMPLE_ANSWER = (
    "Thanks for asking. Here is the short answer: yes, you can do that from your account page. Open "
    "Settings, choose the section named in your question, make the change and press Save; it takes "
    "effect at once and you will receive a confirmation email within a few minutes. If anything "
    "looks different on your screen, reply here with a screenshot and the name of your plan, and we "
    "will walk you through it step by step. Is there anything else we can help with today?"
)

COMPLEX_ANSWER = (
    "Let us work through this carefully. First, the assumptions: the inputs are as described, the "
    "system behaves as documented, and nothing outside the question changes while we analyse it. "
    "Second, the core idea: break the problem into independent parts, solve each one, and combine "
    "the partial results while checking the invariants at every step. Third, the details: for the "
    "first part we establish the base case and show that each step preserves the property we need; "
    "for the second part we compute the quantities explicitly and verify them against a small "
    "example by hand; for the third part we consider the edge cases, empty inputs, duplicates, "
    "concurrent updates and failures midway, and show how each is handled. Fourth, the trade-offs: "
    "the simpler approach is easier to maintain but slower under load, while the more elaborate one "
    "needs more care in testing and operation. Finally, the recommendation: start with the simpler "
    "design, measure it under realistic load, and move to the elaborate one only where the "
    "measurements show it is needed; the code and the calculation above are ready to adapt, and the "
    "tests listed cover the cases most likely to go wrong in production."
)


def main():
    rng = random.Random(20251201)
    cases = [("simple", p) for p in SIMPLE] + [("complex", p) for p in COMPLEX]
    rng.shuffle(cases)
    counters = {"simple": 0, "complex": 0}
    with open("workload.jsonl", "w", encoding="utf-8") as out:
        for label, prompt in cases:
            counters[label] += 1
            ticket = ("S" if label == "simple" else "C") + "%02d" % counters[label]
            text = prompt + " (ticket " + ticket + ")"
            out.write(json.dumps({"label": label, "prompt": text}, ensure_ascii=False) + "\n")
    for name, complex_answer in (("scenario.yaml", COMPLEX_ANSWER), ("scenario-equal.yaml", SIMPLE_ANSWER)):
        with open(name, "w", encoding="utf-8") as out:
            out.write("# GENERATED by generate.py: the simulated small and large models of the tiering\n")
            out.write("# benchmark. The small model cannot do complex tickets; the large one can.\n")
            out.write("rules:\n")
            out.write("  - match: {model: small-model, regex: \"ticket C[0-9]+\"}\n")
            out.write("    reply: \"I'm not sure I can answer that fully.\"\n")
            out.write("  - match: {regex: \"ticket C[0-9]+\"}\n")
            out.write("    reply: " + json.dumps(complex_answer) + "\n")
            out.write("default_reply: " + json.dumps(SIMPLE_ANSWER) + "\n")
    print(len(cases), "cases:", counters)


if __name__ == "__main__":
    main()
