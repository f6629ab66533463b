package dev.gantry.guardrails.pii;

/**
 * One token of scanned text: {@code text.substring(start, end)}, its lower-case form with
 * diacritics removed ({@code key}, used for word-list look-ups and features), and whether a line
 * break separates it from the previous token.
 */
record Token(int start, int end, String surface, String key, boolean lineBreakBefore) {}
