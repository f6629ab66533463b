/**
 * Declarative business rules: conditions written in Google's Common Expression Language (CEL),
 * compiled once per configuration and evaluated on each text with the request's context ({@code
 * text}, its parsed {@code json}, {@code request.route}/{@code tenant}/{@code customer}/{@code
 * tags}/{@code metadata}, configured {@code data}). Regular expressions ({@code matches}, {@code
 * find_all}) run on RE2/J, in time linear in the text.
 */
package dev.gantry.guardrails.rules;
