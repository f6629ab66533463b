package dev.gantry.gateway;

import dev.gantry.core.config.ConfigWatcher;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the gateway's configuration file and reloads it when its content changes; an invalid new
 * file is logged with every problem and the running configuration stays.
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
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gantry-config-watcher");
              t.setDaemon(true);
              return t;
            });
    watcher =
        new ConfigWatcher(
            options.configFile(),
            interval,
            options.env(),
            gateway::reload,
            (path, problem) ->
                LOG.error(
                    "configuration file {} is invalid; keeping the running configuration:\n{}",
                    path,
                    problem.getMessage()),
            scheduler);
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
