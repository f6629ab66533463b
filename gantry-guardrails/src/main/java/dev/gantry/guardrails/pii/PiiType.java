package dev.gantry.guardrails.pii;

/**
 * Kinds of personal or secret data Gantry recognises. The first seven are validated patterns
 * (checksums, number plans, formats); {@link #PERSON}, {@link #LOCATION} and {@link #ADDRESS} come
 * from a trained tagger and are statistical: expect some misses and some false alarms.
 */
public enum PiiType {
  EMAIL,
  PHONE,
  PAYMENT_CARD,
  IBAN,
  US_SSN,
  IP_ADDRESS,
  CREDENTIAL,
  /** A person's name, with a title such as "Dr." when it is written next to it. */
  PERSON,
  /** A city, country, state or region named on its own ("I'm from Lisbon"). */
  LOCATION,
  /** A street address or part of one: street and number, unit, postcode, and the town in it. */
  ADDRESS;

  /** The placeholder stem used when redacting, e.g. {@code EMAIL} in {@code [EMAIL_1]}. */
  public String label() {
    return name();
  }
}
