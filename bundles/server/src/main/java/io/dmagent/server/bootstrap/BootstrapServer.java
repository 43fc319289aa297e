package io.dmagent.server.bootstrap;

import io.dmagent.server.push.PushAddress;
import io.dmagent.server.push.PushBinding;
import io.dmagent.server.push.PushDirectory;
import io.dmagent.server.push.WapPushSender;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code dmserver:bootstrap} does: makes the DM-profile bootstrap message giving a device this
 * server's account, keeps it for the device's HTTPS GET, and on request writes it to a file (with
 * {@code <file>.sec}: {@code SEC=<n>; MAC=<hex>}) or pushes it over WAP with SEC and MAC as WSP
 * parameters.
 */
public final class BootstrapServer {
  private final BootstrapEncoder encoder;
  private final BootstrapDesk desk;
  private final Function<URI, BootstrapAccount> account;
  private final URI defaultAddress;
  private final String pin;
  private final PushDirectory directory;
  private final WapPushSender wap = new WapPushSender();

  /**
   * @param account the account a bootstrap gives, for the address it names
   * @param pin the USERPIN key of signed bootstraps; empty: messages go unsigned (HTTPS only)
   */
  public BootstrapServer(
      BootstrapEncoder encoder,
      BootstrapDesk desk,
      Function<URI, BootstrapAccount> account,
      URI defaultAddress,
      String pin,
      PushDirectory directory) {
    this.encoder = encoder;
    this.desk = desk;
    this.account = account;
    this.defaultAddress = defaultAddress;
    this.pin = pin;
    this.directory = directory;
  }

  /** Runs the command; one line per thing done. */
  public String run(String devId, BootstrapOptions options) throws IOException {
    if (options.forget()) {
      return desk.forget(devId)
          ? "bootstrap message of " + devId + " withdrawn: its fetches get 404"
          : "no bootstrap message kept for " + devId;
    }
    URI address = options.address().orElse(defaultAddress);
    BootstrapMessage m = encoder.encode(devId, account.apply(address), pin);
    desk.keep(devId, m);
    StringBuilder said =
        new StringBuilder("bootstrap message for ")
            .append(devId)
            .append(" (account at ")
            .append(address)
            .append(", ")
            .append(m.body().length)
            .append(" bytes, ")
            .append(m.signed() ? "SEC=" + m.sec() + " MAC" : "unsigned")
            .append(") kept for its HTTPS GET");
    if (options.out().isPresent()) {
      said.append('\n').append(write(options.out().get(), m));
    }
    if (options.push()) {
      said.append('\n').append(push(devId, m));
    }
    return said.toString();
  }

  private String write(Path file, BootstrapMessage m) throws IOException {
    requireSigned(m, "--out");
    Files.write(file, m.body());
    Path sec = file.resolveSibling(file.getFileName() + ".sec");
    Files.writeString(
        sec, "SEC=" + m.sec() + "; MAC=" + m.macHex() + "\n", StandardCharsets.US_ASCII);
    return "written to " + file + " and " + sec;
  }

  private String push(String devId, BootstrapMessage m) throws IOException {
    requireSigned(m, "--push");
    Optional<PushAddress> to = directory.address(devId, Optional.of(PushBinding.WAP));
    if (to.isEmpty()) {
      throw new IOException("no WAP push address for " + devId + " (pushAddresses)");
    }
    return "pushed to "
        + to.get()
        + ": "
        + wap.send(to.get(), WspBootstrapType.encode(m), m.body());
  }

  private static void requireSigned(BootstrapMessage m, String option) throws IOException {
    if (!m.signed()) {
      throw new IOException(
          option + " needs a signed message: set bootstrapPin in io.dmagent.server.cfg");
    }
  }
}
