package dev.gantry.guardrails.pii;

/** Kinds of personal or secret data Gantry recognises. */
public enum PiiType {
  EMAIL,
  PHONE,
  PAYMENT_CARD,
  IBAN,
  US_SSN,
  IP_ADDRESS,
  CREDENTIAL;

  /** The placeholder stem used when redacting, e.g. {@code EMAIL} in {@code [EMAIL_1]}. */
  public String label() {
    return name();
  }
}
