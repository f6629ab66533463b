package dev.gantry.store.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 data keys that encrypt stored payloads: zero or more keys, each with an id, and one
 * of them active (used to seal new payloads; the others only open old ones). Immutable and
 * thread-safe; {@link #toString()} shows ids only, never key material.
 *
 * <p>Text form (an environment value such as {@code GANTRY_DATA_KEYS} or a file): entries separated
 * by commas or line breaks, each {@code id:base64} where the base64 decodes to exactly 32 bytes;
 * the <b>first</b> entry is the active key; lines starting with {@code #} are comments. Generate a
 * key with {@code openssl rand -base64 32}. To rotate, put a new entry first, keep the old ones
 * after it, and call {@code Store.dataKeyRotate()}; once it reports no failures the old entries may
 * be removed.
 */
public final class DataKeys {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final DataKeys NONE = new DataKeys(null, Map.of());

  private final String activeId;
  private final Map<String, SecretKey> keys;

  private DataKeys(String activeId, Map<String, SecretKey> keys) {
    this.activeId = activeId;
    this.keys = keys;
  }

  /** No keys: payloads cannot be stored. */
  public static DataKeys none() {
    return NONE;
  }

  /**
   * Keys from raw bytes.
   *
   * @param activeId id of the key that seals new payloads; must be a key of {@code keys}
   * @param keys ids to 32-byte keys
   */
  public static DataKeys of(String activeId, Map<String, byte[]> keys) {
    if (!keys.containsKey(activeId)) {
      throw new IllegalArgumentException("the active data key " + activeId + " is not among them");
    }
    Map<String, SecretKey> copy = new LinkedHashMap<>();
    copy.put(activeId, key(activeId, keys.get(activeId)));
    keys.forEach((id, bytes) -> copy.putIfAbsent(id, key(id, bytes)));
    return new DataKeys(activeId, Collections.unmodifiableMap(copy));
  }

  /** Keys in the text form described above; an empty or blank text means {@link #none()}. */
  public static DataKeys parse(String text) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String active = null;
    int n = 0;
    for (String line : text.split("\\R")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      for (String entry : line.split(",")) {
        entry = entry.strip();
        if (entry.isEmpty()) {
          continue;
        }
        n++;
        int colon = entry.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException(
              "data key entry " + n + " must be id:base64 (no ':' found)");
        }
        String id = entry.substring(0, colon).strip();
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "data key " + id + " (entry " + n + ") is not valid base64");
        }
        if (keys.putIfAbsent(id, key(id, bytes)) != null) {
          throw new IllegalArgumentException("data key " + id + " appears twice");
        }
        if (active == null) {
          active = id;
        }
      }
    }
    return active == null ? NONE : new DataKeys(active, Collections.unmodifiableMap(keys));
  }

  /** Keys in the text form read from a file (UTF-8). */
  public static DataKeys fromFile(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data keys from " + file, e);
    }
  }

  private static SecretKey key(String id, byte[] bytes) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "data key id must be 1..64 characters of [A-Za-z0-9._-], was '" + id + "'");
    }
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException(
          "data key "
              + id
              + " must be 32 bytes (AES-256), was "
              + (bytes == null ? 0 : bytes.length));
    }
    return new SecretKeySpec(bytes.clone(), "AES");
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** Id of the key that seals new payloads. */
  public String activeId() {
    if (activeId == null) {
      throw new IllegalStateException("no data keys are configured");
    }
    return activeId;
  }

  /** Ids of all keys, the active one first. */
  public Set<String> ids() {
    return keys.keySet();
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public String toString() {
    return "DataKeys[active=" + activeId + ", ids=" + keys.keySet() + "]";
  }
}
