package io.dmagent.hw.smartcard;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Bootstrapper that records what it is given and answers APPLIED with one ServerID: the plugin's
 * side of the contract, without the bootstrap bundle.
 */
class RecordingBootstrapper implements Bootstrapper {
  record Withdrawal(BootstrapSource source, String origin) {}

  final LinkedBlockingQueue<BootstrapMessage> applied = new LinkedBlockingQueue<>();
  final LinkedBlockingQueue<Withdrawal> withdrawn = new LinkedBlockingQueue<>();

  @Override
  public BootstrapResult apply(BootstrapMessage message) {
    applied.add(message);
    return new BootstrapResult(Outcome.APPLIED, List.of("card-server"), "");
  }

  @Override
  public BootstrapResult withdraw(BootstrapSource source, String origin) {
    withdrawn.add(new Withdrawal(source, origin));
    return new BootstrapResult(Outcome.APPLIED, List.of("card-server"), "");
  }

  BootstrapMessage nextApplied() throws InterruptedException {
    return applied.poll(15, TimeUnit.SECONDS);
  }

  Withdrawal nextWithdrawn() throws InterruptedException {
    return withdrawn.poll(15, TimeUnit.SECONDS);
  }
}
