/**
 * Money and prices: USD amounts as {@code long} micro-units, the dated price catalog shipped in the
 * jar (with configured overrides), the arithmetic that turns a completion's token usage into its
 * cost, and the per-request cost sheet that stages fill in. No I/O beyond reading the bundled
 * catalog; no knowledge of HTTP or storage.
 */
package dev.gantry.core.cost;
