package dev.gantry.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Counts the characters of one {@link InvisibleKind} found in one text and becomes a {@link
 * Finding}: exact count, the first {@link Finding#MAX_OFFSETS} offsets, and the decoded payload of
 * tag characters (ASCII) and variation selectors (bytes read as UTF-8). Owned by one scan; not
 * thread-safe.
 */
final class Tally {

  private final InvisibleKind kind;
  private int count;
  private int[] offsets = new int[4];
  private int kept;
  private StringBuilder ascii;
  private byte[] bytes;
  private int byteCount;

  Tally(InvisibleKind kind) {
    this.kind = kind;
  }

  void add(int offset, int cp) {
    count++;
    if (kept < Finding.MAX_OFFSETS) {
      if (kept == offsets.length) {
        offsets = Arrays.copyOf(offsets, Math.min(kept * 2, Finding.MAX_OFFSETS));
      }
      offsets[kept++] = offset;
    }
    if (kind == InvisibleKind.TAG && cp >= 0xE0020 && cp <= 0xE007E) {
      if (ascii == null) {
        ascii = new StringBuilder();
      }
      if (ascii.length() < Finding.MAX_DECODED) {
        ascii.append((char) (cp - 0xE0000));
      }
    } else if (kind == InvisibleKind.VARIATION_SELECTOR) {
      if (bytes == null) {
        bytes = new byte[16];
      }
      if (byteCount < 4 * Finding.MAX_DECODED) {
        if (byteCount == bytes.length) {
          bytes = Arrays.copyOf(bytes, byteCount * 2);
        }
        bytes[byteCount++] = (byte) (cp <= 0xFE0F ? cp - 0xFE00 : cp - 0xE0100 + 16);
      }
    }
  }

  Finding finding(int messageIndex, String path) {
    List<Integer> list = Arrays.stream(offsets, 0, kept).boxed().toList();
    String decoded = "";
    if (ascii != null) {
      decoded = ascii.toString();
    } else if (bytes != null) {
      decoded = new String(bytes, 0, byteCount, StandardCharsets.UTF_8);
      if (decoded.length() > Finding.MAX_DECODED) {
        int end = Finding.MAX_DECODED;
        if (Character.isHighSurrogate(decoded.charAt(end - 1))) {
          end--;
        }
        decoded = decoded.substring(0, end);
      }
    }
    return new Finding(messageIndex, path, kind, count, list, decoded);
  }
}
