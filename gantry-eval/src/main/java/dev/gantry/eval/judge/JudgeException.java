package dev.gantry.eval.judge;

/** The judge could not be asked, or its reply held no score on the scale. */
public final class JudgeException extends Exception {
  public JudgeException(String message) {
    super(message);
  }
}
