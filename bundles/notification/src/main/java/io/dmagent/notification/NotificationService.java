package io.dmagent.notification;

import io.dmagent.api.account.Accounts;
import io.dmagent.api.push.PushContentHandler;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushReceiver;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.UserInteraction;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeChangeListener;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link PushReceiver} service: a {@link NotificationReceiver} on the accounts, the session
 * manager, the best-ranked {@link UserInteraction} and the {@link PushContentHandler} whiteboard.
 * Questions to the user run on one thread of its own, at most a few waiting. Wiring only.
 */
@Component(
    service = {PushReceiver.class, TreeChangeListener.class},
    property = TreeChangeListener.SUBTREE + "=./DMAcc",
    configurationPid = NotificationConfig.PID)
@Designate(ocd = NotificationConfig.class)
public final class NotificationService implements PushReceiver, TreeChangeListener {
  private static final int WAITING_QUESTIONS = 8;

  private final Map<String, PushContentHandler> handlers = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor userThread;
  private final NotificationReceiver receiver;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  private volatile UserInteraction user;

  @Activate
  public NotificationService(
      NotificationConfig config,
      @Reference Accounts accounts,
      @Reference ManagementSessions sessions,
      @Reference(service = LoggerFactory.class) Logger log) {
    ReceiverSettings settings = ReceiverSettings.of(config);
    this.userThread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING_QUESTIONS),
            r -> new Thread(r, "dm-notification-user"));
    UiGate gate =
        new UiGate(() -> Optional.ofNullable(user), userThread, settings.confirmTime(), log::info);
    this.receiver =
        new NotificationReceiver(
            settings,
            accounts,
            sessions,
            gate,
            type -> Optional.ofNullable(handlers.get(type)),
            Clock.systemUTC(),
            log::info,
            log::warn);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      target = "(" + PushContentHandler.CONTENT_TYPES + "=*)")
  void addHandler(PushContentHandler handler, Map<String, Object> properties) {
    for (String type : types(properties)) {
      handlers.put(HandlerKey.of(type, signedBootstrap(properties)), handler);
    }
  }

  void removeHandler(PushContentHandler handler, Map<String, Object> properties) {
    for (String type : types(properties)) {
      handlers.remove(HandlerKey.of(type, signedBootstrap(properties)), handler);
    }
  }

  private static boolean signedBootstrap(Map<String, Object> properties) {
    Object v = properties.get(PushContentHandler.SIGNED_BOOTSTRAP);
    return Boolean.TRUE.equals(v) || "true".equalsIgnoreCase(String.valueOf(v));
  }

  private static String[] types(Map<String, Object> properties) {
    Object v = properties.get(PushContentHandler.CONTENT_TYPES);
    String[] raw = v instanceof String[] a ? a : new String[] {String.valueOf(v)};
    String[] out = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = raw[i].trim().toLowerCase(Locale.ROOT);
    }
    return out;
  }

  @Deactivate
  void stop() {
    userThread.shutdownNow();
  }

  @Override
  public PushVerdict receive(PushMessage message) {
    return receiver.receive(message);
  }

  @Override
  public int maxMessageSize() {
    return receiver.maxMessageSize();
  }

  /** Credentials and nonces under ./DMAcc changed: the receiver reads them again. */
  @Override
  public void treeChanged(List<TreeChange> changes) {
    receiver.accountsChanged();
  }
}
