package dev.gantry.gateway;

import dev.gantry.core.config.ConfigWatcher;
import dev.gantry.core.events.ConfigReloaded;
import dev.gantry.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the gateway's configuration file and reloads it when its content changes; an invalid new
 * file is logged with every problem and the running configuration stays. Either outcome is
 * published as a {@link ConfigReloaded} event. Checks run on the options' scheduler when one is
 * given (tests give {@code ManualTime}), else on a daemon thread of their own.
 */
final class ConfigReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final Gateway gateway;
  private final GatewayOptions options;
  private ScheduledExecutorService scheduler;
  private ConfigWatcher watcher;

  ConfigReloader(Gateway gateway, GatewayOptions options) {
    this.gateway = gateway;
    this.options = options;
  }

  void start(Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      LOG.info("configuration reload is off (server.reload_interval is 0)");
      return;
    }
    Scheduler timer = options.scheduler();
    if (timer == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "gantry-config-watcher");
                t.setDaemon(true);
                return t;
              });
      timer = Scheduler.of(scheduler);
    }
    watcher =
        new ConfigWatcher(
            options.configFile(),
            interval,
            options.env(),
            config -> {
              gateway.reload(config);
              options.events().publish(new ConfigReloaded(options.configFile(), null));
            },
            (path, problem) -> {
              LOG.error(
                  "configuration file {} is invalid; keeping the running configuration:\n{}",
                  path,
                  problem.getMessage());
              options.events().publish(new ConfigReloaded(path, problem.getMessage()));
            },
            timer);
    watcher.start();
  }

  /** Checks the file once, now (tests call this instead of waiting for the interval). */
  void checkNow() {
    if (watcher != null) {
      watcher.checkNow();
    }
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
