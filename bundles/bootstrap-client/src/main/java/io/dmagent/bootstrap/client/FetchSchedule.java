package io.dmagent.bootstrap.client;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A fresh gateway's rounds of fetches: while it has no DM account, fetch from every known bootstrap
 * server (the Bootstrap Config MO's, then the configured ones), and after a round that left it
 * without one wait (doubling, capped) and try again. It stops once an account exists. While
 * BootSrvDiscovery is 0 nothing is fetched: one log line, and the rounds go on in case a server (or
 * the operator) allows it again.
 */
final class FetchSchedule {
  private final ClientInitiatedBootstrap fetcher;
  private final BooleanSupplier hasAccount;
  private final BooleanSupplier discoveryAllowed;
  private final Supplier<List<URI>> servers;
  private final ScheduledExecutorService timer;
  private final Duration firstWait;
  private final Duration maxWait;
  private final Consumer<String> info;
  private Duration wait;
  private boolean toldInhibited;
  private boolean toldNoServer;

  FetchSchedule(
      ClientInitiatedBootstrap fetcher,
      BooleanSupplier hasAccount,
      BooleanSupplier discoveryAllowed,
      Supplier<List<URI>> servers,
      ScheduledExecutorService timer,
      Duration firstWait,
      Duration maxWait,
      Consumer<String> info) {
    this.fetcher = fetcher;
    this.hasAccount = hasAccount;
    this.discoveryAllowed = discoveryAllowed;
    this.servers = servers;
    this.timer = timer;
    this.firstWait = firstWait;
    this.maxWait = maxWait;
    this.info = info;
    this.wait = firstWait;
  }

  /** Runs the first round now (on the timer's thread). */
  void start() {
    timer.execute(this::round);
  }

  /** A round that fails unexpectedly is told and followed by the next: the rounds never die. */
  private void round() {
    try {
      fetchRound();
    } catch (RuntimeException e) {
      info.accept(
          "bootstrap round failed: " + e.getClass().getSimpleName() + ", tried again later");
      next();
    }
  }

  private void fetchRound() {
    if (hasAccount.getAsBoolean()) {
      return;
    }
    if (!discoveryAllowed.getAsBoolean()) {
      if (!toldInhibited) {
        info.accept("no DM account and no bootstrap fetched: ./BootConfig/BootSrvDiscovery is 0");
        toldInhibited = true;
      }
      next();
      return;
    }
    toldInhibited = false;
    Set<URI> urls = new LinkedHashSet<>(servers.get());
    if (urls.isEmpty() && !toldNoServer) {
      info.accept("no DM account and no bootstrap server known (bootstrapServers, ./BootConfig)");
      toldNoServer = true;
    }
    for (URI url : urls) {
      BootstrapResult r = fetcher.fetch(url, BootstrapSource.BOOTSTRAP_SERVER);
      if (r.applied() || hasAccount.getAsBoolean()) {
        wait = firstWait;
        return;
      }
    }
    next();
  }

  private void next() {
    if (timer.isShutdown()) {
      return;
    }
    timer.schedule(this::round, wait.toMillis(), TimeUnit.MILLISECONDS);
    Duration doubled = wait.multipliedBy(2);
    wait = doubled.compareTo(maxWait) > 0 ? maxWait : doubled;
  }
}
