package dev.gantry.guardrails.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * Phone numbers, found and validated by libphonenumber (the library behind Android's dialer): a
 * number must be valid for its region, not merely look like one. Numbers without a country code are
 * read as numbers of the default region.
 */
final class PhoneRecognizer implements Recognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /**
   * @param defaultRegion ISO 3166 two-letter region for numbers without a country code
   */
  PhoneRecognizer(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  @Override
  public void find(String text, List<PiiSpan> out) {
    for (PhoneNumberMatch match :
        UTIL.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
      out.add(new PiiSpan(match.start(), match.end(), PiiType.PHONE, 0.75));
    }
  }
}
