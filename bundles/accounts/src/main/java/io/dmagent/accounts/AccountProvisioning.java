package io.dmagent.accounts;

import io.dmagent.api.account.AccountSpec;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.transport.PskKey;
import io.dmagent.api.tree.DmException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One {@code io.dmagent.protocol.account} factory configuration: writes its account into {@code
 * ./DMAcc} when activated (and again when the configuration changes), then calls the server as
 * configured. A configuration that cannot be written is reported in one line, secret left out.
 */
@Component(
    configurationPid = AccountConfig.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true,
    service = {})
@Designate(ocd = AccountConfig.class, factory = true)
public final class AccountProvisioning {
  private final SessionScheduler scheduler;

  @Activate
  public AccountProvisioning(
      AccountConfig config,
      @Reference Accounts accounts,
      @Reference ManagementSessions sessions,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.scheduler =
        new SessionScheduler(
            sessions,
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "dmagent-account-" + config.serverId());
                  t.setDaemon(true);
                  return t;
                }),
            log::warn);
    Optional<AccountSpec> spec = spec(config, log::error);
    if (spec.isEmpty()) {
      return;
    }
    try {
      accounts.write(spec.get());
      log.info(
          "DM account "
              + spec.get().node()
              + " for server "
              + config.serverId()
              + " at "
              + spec.get().address()
              + " written");
    } catch (DmException e) {
      log.error("DM account for server " + config.serverId() + " not written: " + e.getMessage());
      return;
    }
    if (config.connectAtStart()) {
      scheduler.once(
          config.serverId(), Duration.ofSeconds(Math.max(0, config.connectDelaySeconds())));
    }
    if (config.pollIntervalSeconds() > 0) {
      scheduler.every(config.serverId(), Duration.ofSeconds(config.pollIntervalSeconds()));
    }
  }

  static Optional<AccountSpec> spec(AccountConfig c, Consumer<String> error) {
    String serverId = c.serverId() == null ? "" : c.serverId().trim();
    if (serverId.isEmpty()) {
      error.accept("DM account configuration without serverId ignored");
      return Optional.empty();
    }
    URI address;
    try {
      address = new URI(c.address().trim());
      if (address.getScheme() == null) {
        throw new URISyntaxException(c.address(), "no scheme");
      }
    } catch (URISyntaxException | NullPointerException e) {
      error.accept(
          "DM account for server " + serverId + " ignored: address is not an absolute URI");
      return Optional.empty();
    }
    String node = c.accountNode().isBlank() ? nodeName(serverId) : c.accountNode().trim();
    Optional<String> authType = trimmed(c.authType());
    AccountSpec spec =
        new AccountSpec(node, serverId, c.name(), address, authType, c.authName(), c.authSecret())
            .withServerSecret(c.serverAuthSecret());
    return withPsk(spec, c, error);
  }

  /** The PSK settings checked before anything is written: a bad key is named, never repeated. */
  private static Optional<AccountSpec> withPsk(
      AccountSpec spec, AccountConfig c, Consumer<String> error) {
    Optional<String> identity = trimmed(c.pskIdentity());
    String key = c.pskKey() == null ? "" : c.pskKey().trim();
    if (identity.isEmpty()) {
      if (!key.isEmpty()) {
        error.accept(
            "DM account for server " + spec.serverId() + " ignored: pskKey without pskIdentity");
        return Optional.empty();
      }
      return Optional.of(spec);
    }
    if (!key.isEmpty()) {
      try {
        PskKey.fromHex(key);
      } catch (IllegalArgumentException e) {
        error.accept("DM account for server " + spec.serverId() + " ignored: " + e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.of(spec.withPsk(identity.get(), key));
  }

  private static Optional<String> trimmed(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** A node name from a ServerID: what a URI segment cannot hold becomes '_'. */
  static String nodeName(String serverId) {
    StringBuilder b = new StringBuilder();
    for (char ch : serverId.toCharArray()) {
      b.append(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' ? ch : '_');
    }
    String s = b.toString();
    return s.equals(".") || s.equals("..") ? "_" + s : s;
  }

  @Deactivate
  void stop() {
    scheduler.close();
  }
}
