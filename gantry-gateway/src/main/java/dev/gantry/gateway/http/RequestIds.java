package dev.gantry.gateway.http;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code x-request-id} when it is sane, otherwise a fresh one. */
final class RequestIds {
  private static final int MAX_LENGTH = 128;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  static String honourOrGenerate(String fromClient) {
    if (fromClient != null
        && !fromClient.isEmpty()
        && fromClient.length() <= MAX_LENGTH
        && printable(fromClient)) {
      return fromClient;
    }
    return generate();
  }

  /** {@code req_} and 24 random hex digits. */
  static String generate() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] id = new char[28];
    id[0] = 'r';
    id[1] = 'e';
    id[2] = 'q';
    id[3] = '_';
    long a = r.nextLong();
    long b = r.nextLong();
    for (int i = 0; i < 16; i++) {
      id[4 + i] = HEX[(int) (a >>> (i * 4)) & 0xf];
    }
    for (int i = 0; i < 8; i++) {
      id[20 + i] = HEX[(int) (b >>> (i * 4)) & 0xf];
    }
    return new String(id);
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
