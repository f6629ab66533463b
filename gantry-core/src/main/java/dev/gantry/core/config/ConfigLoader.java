package dev.gantry.core.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code gantry.yaml} into a validated {@link GantryConfig}.
 *
 * <p>Order of work: read UTF-8 text, compose the YAML (syntax errors name line and column),
 * substitute {@code ${VAR}} / {@code ${VAR:-default}} inside scalar values only (so a variable can
 * never inject YAML structure; {@code $${} is a literal {@code ${}), then validate everything and
 * report every problem at once in a {@link ConfigException}. Secret values never appear in a
 * problem.
 *
 * <p>Units in the file: durations are {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h} or
 * integer milliseconds; sizes are integer bytes or {@code 512KB}, {@code 4MB}, {@code 1GB}
 * (1024-based).
 *
 * <p>Stateless and thread-safe: every method may be called from any thread.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads {@code file}, substituting from {@link System#getenv()}. */
  public static GantryConfig load(Path file) throws ConfigException {
    return load(file, System.getenv());
  }

  /** Loads {@code file}, substituting from {@code env}; an unreadable file is a problem too. */
  public static GantryConfig load(Path file, Map<String, String> env) throws ConfigException {
    return parse(read(file), env, file.toString());
  }

  /**
   * Parses YAML text.
   *
   * @param sourceName how problems name the input, e.g. a file path or {@code <stdin>}
   */
  public static GantryConfig parse(String yaml, Map<String, String> env, String sourceName)
      throws ConfigException {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(sourceName, "sourceName");
    String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    return ConfigReader.read(YamlParser.compose(text, sourceName), env, sourceName);
  }

  /** Parses the bytes of a file (strict UTF-8). */
  static GantryConfig parse(byte[] bytes, Map<String, String> env, String sourceName)
      throws ConfigException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(sourceName, sourceName + ": not valid UTF-8 text");
    }
    return parse(text, env, sourceName);
  }

  /** The bytes of {@code file}; a missing or unreadable file becomes a {@link ConfigException}. */
  static byte[] read(Path file) throws ConfigException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), file + ": file not found");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), file + ": cannot read: " + e);
    }
  }
}
