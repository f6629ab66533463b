package dev.gantry.core.config;

import dev.gantry.core.time.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of {@code gantry.yaml}: every {@code interval} it reads the file and compares the
 * SHA-256 of its bytes with the content last seen, so editors that write in place, atomic renames
 * and coarse modification times all work, and a touch without a content change does nothing.
 *
 * <p>On changed content the file is parsed: a valid config goes to {@code onChange}; an invalid one
 * (including a file caught half-written) goes to {@code onInvalid} once per distinct content, and
 * the caller keeps its current config. The next content that parses is applied. A missing or
 * unreadable file is reported once until it is readable again. Content read twice in a row must be
 * identical before it is parsed; a file still being written is simply looked at on the next tick.
 *
 * <p>Construct it right after loading the initial config: the file's content at construction is
 * taken as already applied. Thread-safe: checks are serialised, and callbacks run one at a time on
 * the scheduler's thread (or on the thread calling {@link #checkNow()}). The scheduler is injected
 * (tests give it {@code ManualTime}) and not shut down by {@link #close()}.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Path file;
  private final Duration interval;
  private final Map<String, String> env;
  private final Consumer<GantryConfig> onChange;
  private final BiConsumer<Path, ConfigException> onInvalid;
  private final Scheduler scheduler;

  private byte[] appliedHash;
  private byte[] seenHash;
  private String unreadableReported;
  private Scheduler.Scheduled task;
  private boolean closed;

  /**
   * @param interval time between checks; zero makes {@link #start()} a no-op (hot reload off)
   * @param env the environment for {@code ${VAR}} substitution
   * @param onChange receives each newly applied, valid config
   * @param onInvalid receives the file and its problems; the caller keeps its current config
   */
  public ConfigWatcher(
      Path file,
      Duration interval,
      Map<String, String> env,
      Consumer<GantryConfig> onChange,
      BiConsumer<Path, ConfigException> onInvalid,
      Scheduler scheduler) {
    this.file = Objects.requireNonNull(file, "file");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must be >= 0, was " + interval);
    }
    this.env = Map.copyOf(env);
    this.onChange = Objects.requireNonNull(onChange, "onChange");
    this.onInvalid = Objects.requireNonNull(onInvalid, "onInvalid");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    try {
      appliedHash = sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      appliedHash = null; // the first readable, valid content will be applied
    }
    seenHash = appliedHash;
  }

  /** Schedules a check every interval, the first one interval from now. */
  public synchronized void start() {
    if (closed || task != null) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    if (interval.isZero()) {
      log.info("Hot reload of {} is off (reload interval 0)", file);
      return;
    }
    task = scheduler.schedule(interval, this::tick);
  }

  private void tick() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      // A throwing callback must not cancel the schedule.
      log.error("Config reload check of {} failed", file, e);
    }
    synchronized (this) {
      if (!closed) {
        task = scheduler.schedule(interval, this::tick); // fixed delay between checks
      }
    }
  }

  /** One check, now, on the calling thread; does nothing after {@link #close()}. */
  public synchronized void checkNow() {
    if (closed) {
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
      if (!Arrays.equals(bytes, Files.readAllBytes(file))) {
        return; // being written right now: look again next time
      }
    } catch (IOException e) {
      String why = e instanceof NoSuchFileException ? "file not found" : "cannot read: " + e;
      if (!why.equals(unreadableReported)) {
        unreadableReported = why;
        seenHash = null;
        onInvalid.accept(
            file,
            new ConfigException(
                file.toString(), file + ": " + why + "; keeping the current configuration"));
      }
      return;
    }
    unreadableReported = null;
    byte[] hash = sha256(bytes);
    if (Arrays.equals(hash, seenHash)) {
      return;
    }
    seenHash = hash;
    if (Arrays.equals(hash, appliedHash)) {
      return; // back to what is running, e.g. a bad edit undone
    }
    GantryConfig config;
    try {
      config = ConfigLoader.parse(bytes, env, file.toString());
    } catch (ConfigException e) {
      onInvalid.accept(file, e);
      return;
    }
    appliedHash = hash;
    onChange.accept(config);
  }

  /** Cancels the schedule; later checks do nothing. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel();
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
