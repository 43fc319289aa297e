package io.dmagent.outbox;

import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OutboxException;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link Outbox} service: opens the {@link StoreOutbox} its configuration names and closes it
 * when deactivated (a changed configuration reopens it with the new bound and policy; what it holds
 * stays). Wiring only.
 */
@Component(service = Outbox.class, configurationPid = OutboxConfig.PID, immediate = true)
@Designate(ocd = OutboxConfig.class)
public final class OutboxService implements Outbox {
  private final StoreOutbox outbox;

  @Activate
  public OutboxService(
      BundleContext context,
      OutboxConfig config,
      @Reference(service = LoggerFactory.class) Logger log)
      throws IOException {
    this.outbox =
        StoreOutbox.open(
            folder(context, config),
            Math.max(1, config.capacity()),
            policy(config.overflowPolicy(), log::error),
            log::warn);
  }

  /** An unknown policy is named in one line and the safe one taken: nothing is dropped. */
  static OverflowPolicy policy(String value, Consumer<String> error) {
    String name = Optional.ofNullable(value).orElse("").trim().toUpperCase(Locale.ROOT);
    try {
      return OverflowPolicy.valueOf(name);
    } catch (IllegalArgumentException e) {
      error.accept(
          "outbox overflowPolicy " + name + " unknown (REJECT_NEW or DROP_OLDEST): REJECT_NEW");
      return OverflowPolicy.REJECT_NEW;
    }
  }

  private static Path folder(BundleContext context, OutboxConfig config) {
    if (!config.folder().isBlank()) {
      return Path.of(config.folder().trim());
    }
    String data = context.getProperty("dmagent.data");
    return data != null ? Path.of(data, "outbox") : context.getDataFile("outbox").toPath();
  }

  @Deactivate
  void close() {
    outbox.close();
  }

  @Override
  public OutboxEntry store(String topic, String destination, byte[] payload)
      throws OutboxException {
    return outbox.store(topic, destination, payload);
  }

  @Override
  public List<OutboxEntry> storeAll(String topic, String destination, List<byte[]> payloads)
      throws OutboxException {
    return outbox.storeAll(topic, destination, payloads);
  }

  @Override
  public List<OutboxEntry> pending(String topic, Collection<String> destinations)
      throws OutboxException {
    return outbox.pending(topic, destinations);
  }

  @Override
  public List<OutboxEntry> pending(String topic) throws OutboxException {
    return outbox.pending(topic);
  }

  @Override
  public void acknowledge(String topic, Collection<String> ids) throws OutboxException {
    outbox.acknowledge(topic, ids);
  }

  @Override
  public int size() throws OutboxException {
    return outbox.size();
  }

  @Override
  public int capacity() {
    return outbox.capacity();
  }

  @Override
  public OverflowPolicy overflowPolicy() {
    return outbox.overflowPolicy();
  }
}
