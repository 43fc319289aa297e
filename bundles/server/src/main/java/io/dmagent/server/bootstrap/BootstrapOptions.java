package io.dmagent.server.bootstrap;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code dmserver:bootstrap <DevId>}: {@code --out <file>} writes the message for
 * the device's factory folder (and {@code <file>.sec} with its SEC and MAC), {@code --push} sends
 * it over WAP, {@code --address <url>} is the address the account gets (default the server's),
 * {@code --forget} withdraws the message kept for HTTPS GET.
 */
public record BootstrapOptions(
    Optional<Path> out, boolean push, Optional<URI> address, boolean forget) {
  public static final String USAGE =
      "dmserver:bootstrap <DevId> [--out <file>] [--push] [--address <url>] | <DevId> --forget";

  public static BootstrapOptions parse(List<String> words) {
    Optional<Path> out = Optional.empty();
    Optional<URI> address = Optional.empty();
    boolean push = false;
    boolean forget = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "--out" -> out = Optional.of(Path.of(value(words, ++i, w)));
        case "--address" -> address = Optional.of(url(value(words, ++i, w)));
        case "--push" -> push = true;
        case "--forget" -> forget = true;
        default -> throw new IllegalArgumentException("unknown option " + w);
      }
    }
    if (forget && (push || out.isPresent() || address.isPresent())) {
      throw new IllegalArgumentException("--forget takes no other option");
    }
    return new BootstrapOptions(out, push, address, forget);
  }

  private static String value(List<String> words, int i, String option) {
    if (i >= words.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return words.get(i);
  }

  private static URI url(String s) {
    try {
      URI u = URI.create(s);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException("--address " + s + " is not an absolute URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--address " + s + " is not a URL");
    }
  }
}
