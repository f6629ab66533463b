package dev.gantry.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit chain's canonical serialisation and hashes. A record's hash is the hex SHA-256 of: the
 * version tag {@code gantry-audit/1}, its sequence number, each field of {@link ChainFields} in
 * declaration order up to {@code afterJson}, then the previous record's hash. A record that carries
 * a trace id is hashed under the tag {@code gantry-audit/2} with the trace id after {@code
 * afterJson}; a record without one keeps the version-1 encoding, so records written before trace
 * ids existed still verify, and removing or adding a trace id changes the hash either way. Each
 * value is encoded unambiguously: a tag byte (0 null, 1 text, 2 integer), then for text a 4-byte
 * big-endian length and its UTF-8 bytes, for integers 8 big-endian bytes. A commitment is the hex
 * SHA-256 of {@code gantry-commit/<label>}, a zero byte, the 16-byte salt and the value's UTF-8
 * bytes.
 */
final class ChainHash {
  static final String GENESIS = "0".repeat(64);
  private static final HexFormat HEX = HexFormat.of();

  private ChainHash() {}

  static String hash(long seq, ChainFields f, String prevHash) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      boolean traced = f.traceId() != null;
      text(out, traced ? "gantry-audit/2" : "gantry-audit/1");
      integer(out, seq);
      text(out, f.kind());
      integer(out, f.ts());
      text(out, f.tenant());
      text(out, f.requestId());
      text(out, f.keyId());
      text(out, f.customerCommit());
      text(out, f.route());
      text(out, f.deployment());
      integer(out, f.status() == null ? null : f.status().longValue());
      text(out, f.verdicts());
      integer(out, f.promptTokens());
      integer(out, f.completionTokens());
      integer(out, f.costMicros());
      integer(out, f.latencyMs());
      text(out, f.payloadCommit());
      text(out, f.actorKeyId());
      text(out, f.action());
      text(out, f.objectType());
      text(out, f.objectId());
      text(out, f.beforeJson());
      text(out, f.afterJson());
      if (traced) {
        text(out, f.traceId());
      }
      text(out, prevHash);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HEX.formatHex(sha256().digest(bytes.toByteArray()));
  }

  static String commit(String label, byte[] salt, String value) {
    MessageDigest d = sha256();
    d.update(("gantry-commit/" + label).getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(salt);
    d.update(value.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(d.digest());
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeByte(0);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeByte(1);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void integer(DataOutputStream out, Long v) throws IOException {
    if (v == null) {
      out.writeByte(0);
      return;
    }
    out.writeByte(2);
    out.writeLong(v);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
