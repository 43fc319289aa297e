package io.dmagent.bootstrap.client;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.bootstrap.ClientInitiatedBootstrap;
import io.dmagent.api.log.WireText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Client-initiated bootstrap by HTTPS GET (DM 1.3 Bootstrap): {@code GET <url>?DevId=<DevId>}, a
 * 404 is "nothing for this gateway", a 2xx body (bounded) is handed to the {@link Bootstrapper} as
 * {@link BootstrapSource#BOOTSTRAP_SERVER}, authenticated by the channel only when TLS verified the
 * server. A server that fails (5xx, no answer) is tried again with back-off. What was taken is
 * remembered per URL (ETag and hash), so an unchanged message is not applied again.
 */
final class BootstrapFetcher implements ClientInitiatedBootstrap {
  static final String DEFAULT_TYPE = "application/vnd.syncml.dm+wbxml";

  private final Bootstrapper bootstrapper;
  private final FetchSettings settings;
  private final BootConfigView bootConfig;
  private final Supplier<Optional<String>> devId;
  private final FetchMemory memory;
  private final TlsSetup tls;
  private final Consumer<String> info;
  private final Consumer<String> warn;

  BootstrapFetcher(
      Bootstrapper bootstrapper,
      FetchSettings settings,
      BootConfigView bootConfig,
      Supplier<Optional<String>> devId,
      FetchMemory memory,
      Consumer<String> info,
      Consumer<String> warn) {
    this.bootstrapper = bootstrapper;
    this.settings = settings;
    this.bootConfig = bootConfig;
    this.devId = devId;
    this.memory = memory;
    this.tls = new TlsSetup(settings);
    this.info = info;
    this.warn = warn;
  }

  @Override
  public BootstrapResult fetch(URI bootstrapServer, BootstrapSource source) {
    BootstrapResult result = fetchOnce(bootstrapServer, source);
    String line =
        "bootstrap fetch from "
            + WireText.quote(bootstrapServer.toString())
            + ": "
            + result.outcome()
            + (result.serverIds().isEmpty() ? "" : " " + result.serverIds())
            + ", "
            + result.reason();
    if (result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.UNCHANGED) {
      info.accept(line);
    } else {
      warn.accept(line);
    }
    return result;
  }

  private BootstrapResult fetchOnce(URI url, BootstrapSource source) {
    if (!bootConfig.discoveryAllowed()) {
      return refused(Outcome.NOT_ALLOWED, "./BootConfig/BootSrvDiscovery is 0");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https");
    if (!secure && !scheme.equals("http") || url.getHost() == null) {
      return refused(Outcome.INVALID, "not an https URL");
    }
    if (!secure && !settings.allowPlainHttp()) {
      return refused(
          Outcome.NOT_ALLOWED, "plain http refused (allowPlainHttp is false): use https");
    }
    HttpClient client;
    try {
      client = client(secure ? Optional.of(tlsFor(url)) : Optional.empty());
    } catch (TlsSetup.TlsSetupException e) {
      return refused(Outcome.NOT_AUTHENTIC, e.getMessage());
    }
    HttpRequest request = request(url);
    Duration wait = settings.firstBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<InputStream> response =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Optional<BootstrapResult> answer = answer(url, source, secure, response);
        if (answer.isPresent()) {
          return answer.get();
        }
        if (attempt >= settings.attempts()) {
          return refused(
              Outcome.INVALID, "the server answered " + response.statusCode() + " every try");
        }
      } catch (SSLException e) {
        return refused(Outcome.NOT_AUTHENTIC, "TLS failed: " + e.getMessage());
      } catch (IOException e) {
        if (attempt >= settings.attempts()) {
          return refused(Outcome.INVALID, "unreachable after " + attempt + " tries: " + why(e));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return refused(Outcome.INVALID, "interrupted");
      }
      if (!sleep(wait)) {
        return refused(Outcome.INVALID, "interrupted");
      }
      wait = wait.multipliedBy(2);
    }
  }

  private SSLContext tlsFor(URI url) throws TlsSetup.TlsSetupException {
    return tls.context(bootConfig.entryFor(url).orElse(BootServer.of(url)));
  }

  private HttpClient client(Optional<SSLContext> context) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    context.ifPresent(b::sslContext);
    return b.build();
  }

  private HttpRequest request(URI url) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(withDevId(url))
            .timeout(settings.timeout())
            .header("Accept", DEFAULT_TYPE + ", application/vnd.wap.connectivity-wbxml")
            .GET();
    memory.etag(url.toString()).ifPresent(e -> b.header("If-None-Match", e));
    return b.build();
  }

  /** Our way to tell the server who asks: the DevId as the query parameter {@code DevId}. */
  URI withDevId(URI url) {
    Optional<String> id = devId.get();
    if (id.isEmpty()) {
      return url;
    }
    String param = "DevId=" + URLEncoder.encode(id.get(), StandardCharsets.UTF_8);
    String s = url.toString();
    int fragment = s.indexOf('#');
    String base = fragment < 0 ? s : s.substring(0, fragment);
    return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + param);
  }

  /** The result of one answer, or empty when it is worth another try. */
  private Optional<BootstrapResult> answer(
      URI url, BootstrapSource source, boolean secure, HttpResponse<InputStream> response)
      throws IOException {
    int status = response.statusCode();
    try (InputStream in = response.body()) {
      if (status == 404) {
        return Optional.of(unchanged("the server has no bootstrap message for this gateway"));
      }
      if (status == 304) {
        return Optional.of(unchanged("not modified since the last fetch"));
      }
      if (status >= 500 || status == 429 || status == 408) {
        return Optional.empty();
      }
      if (status < 200 || status > 299) {
        return Optional.of(refused(Outcome.INVALID, "the server answered " + status));
      }
      byte[] body = in.readNBytes(settings.maxMessageBytes() + 1);
      if (body.length > settings.maxMessageBytes()) {
        return Optional.of(
            refused(
                Outcome.INVALID,
                "the message is larger than " + settings.maxMessageBytes() + " bytes"));
      }
      return Optional.of(take(url, source, secure, response, body));
    }
  }

  private BootstrapResult take(
      URI url, BootstrapSource source, boolean secure, HttpResponse<?> response, byte[] body) {
    String hash = sha256(body);
    Optional<String> etag = response.headers().firstValue("ETag");
    if (memory.seen(url.toString(), hash)) {
      return unchanged("the same message as the one taken before");
    }
    String type = response.headers().firstValue("Content-Type").orElse(DEFAULT_TYPE);
    BootstrapResult result =
        bootstrapper.apply(new BootstrapMessage(source, type, body, url.toString(), secure));
    if (result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.UNCHANGED) {
      try {
        memory.remember(url.toString(), etag, hash);
      } catch (IOException e) {
        warn.accept("what was fetched cannot be remembered: " + e.getMessage());
      }
    }
    return result;
  }

  private static String why(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  private static BootstrapResult unchanged(String reason) {
    return new BootstrapResult(Outcome.UNCHANGED, List.of(), reason);
  }

  private static BootstrapResult refused(Outcome outcome, String reason) {
    return new BootstrapResult(outcome, List.of(), reason);
  }
}
