package io.dmagent.protocol;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.Accounts;
import io.dmagent.api.account.PskCredentials;
import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.security.HmacHeader;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.session.UserInteraction;
import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.DmTransport;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.transport.TransportSession;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.protocol.outbox.AlertOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs management sessions over a transport: encodes each message of a {@link ClientSession} with
 * the message codec, moves it with the transport whose scheme matches the server's address (to the
 * last RespURI once the server gave one), decodes the answer in the encoding the server used, and
 * goes on until the session ends. Nothing escapes: every failure ends in a {@link SessionReport}
 * with its reason. One instance serves any number of sessions, each on its caller's thread.
 *
 * <p>Assemble one in plain Java with {@link #builder()}:
 *
 * <pre>{@code
 * SessionEngine engine = SessionEngine.builder()
 *     .tree(tree).messageCodec(codec).descriptionCodec(ddfTnds)
 *     .transport(http).outbox(outbox).build();
 * SessionReport report = engine.run(account, SessionRequest.clientInitiated("srv1"));
 * }</pre>
 */
public final class SessionEngine {
  private final SessionParts parts;
  private final MessageCodec codec;
  private final Function<String, Optional<DmTransport>> transports;
  private final ExecutorService exchanges;
  private final Clock clock;
  private final Function<Account, ChannelSecurity> channelSecurity;
  private final Supplier<String> clientInitiatedIds;

  private SessionEngine(Builder b) {
    MessageSizer sizer = b.sizer != null ? b.sizer : MessageSizer.of(requireCodec(b.codec));
    this.parts =
        new SessionParts(
            b.tree, b.tnds, sizer, b.outbox, b.userInteraction, b.authenticator, b.settings, b.log);
    this.codec = b.codec;
    this.transports = b.transports;
    this.exchanges = b.exchanges;
    this.clock = b.clock;
    this.channelSecurity = b.channelSecurity;
    this.clientInitiatedIds =
        b.sessionIds != null ? b.sessionIds : new SessionIds()::clientInitiated;
  }

  private static MessageCodec requireCodec(MessageCodec codec) {
    return Objects.requireNonNull(codec, "message codec");
  }

  public static Builder builder() {
    return new Builder();
  }

  public SessionSettings settings() {
    return parts.settings();
  }

  /**
   * A session at the level of messages, for whoever moves the bytes itself (and for tests): its
   * SessionID is the notification's for a server-initiated request, a new one otherwise.
   */
  public ClientSession newSession(Account account, SessionRequest request) {
    String id =
        request.notifiedSessionId().map(SessionIds::serverInitiated).orElseGet(clientInitiatedIds);
    return new ClientSession(
        parts, account, id, request.isServerInitiated(), request.requestedMos());
  }

  /** Runs one session with the server of {@code account} to its end and reports how it went. */
  public SessionReport run(Account account, SessionRequest request) {
    return attempt(account, request).report();
  }

  SessionResult attempt(Account account, SessionRequest request) {
    Instant start = clock.instant();
    ClientSession session = newSession(account, request);
    String scheme = Optional.ofNullable(account.address().getScheme()).orElse("");
    Optional<DmTransport> transport = transports.apply(scheme.toLowerCase(Locale.ROOT));
    if (transport.isEmpty()) {
      return result(
          session,
          SessionOutcome.FAILED,
          "no transport for " + scheme + " addresses",
          start,
          true); // retried: the binding may not have started yet
    }
    try (TransportSession channel =
        transport.get().open(account.address(), channelSecurity.apply(account))) {
      SyncMessage out = session.begin();
      while (true) {
        TransportResponse answer = exchange(channel, session, out);
        if (answer.status() != 200) {
          return result(
              session,
              SessionOutcome.FAILED,
              "server answered with transport status " + answer.status(),
              start,
              answer.status() >= 500);
        }
        session.received(answer.body(), answer.header(HmacHeader.NAME));
        answer
            .mediaType()
            .ifPresent(t -> session.encoding(t.isWbxml() ? Encoding.WBXML : Encoding.XML));
        ClientSession.Step step;
        try {
          step =
              session.onMessage(
                  codec.decode(answer.body(), session.encoding(), parts.settings().maxMsgSize()));
        } catch (MessageFormatException e) {
          step = session.onUndecodable(e.status(), e.getMessage());
        }
        if (step instanceof ClientSession.Send send) {
          out = send.message();
          continue;
        }
        ClientSession.End end = (ClientSession.End) step;
        end.lastMessage().ifPresent(last -> lastWords(channel, session, last));
        // Refused authentication is worth trying again later: the SessionManager backs off.
        return result(
            session, end.outcome(), end.reason().orElse(null), start, session.authGaveUp());
      }
    } catch (TransportException e) {
      return result(session, SessionOutcome.FAILED, e.getMessage(), start, e.isRetryable());
    } catch (DmException e) {
      return result(session, SessionOutcome.FAILED, e.getMessage(), start, false);
    } catch (RuntimeException e) {
      parts.log().accept("session " + session.sessionId() + " failed: " + e);
      return result(
          session,
          SessionOutcome.FAILED,
          "internal error: " + e.getClass().getSimpleName(),
          start,
          false);
    }
  }

  /** A message after which nothing is expected (an abort): sent once, its answer ignored. */
  private void lastWords(TransportSession channel, ClientSession session, SyncMessage last) {
    try {
      exchange(channel, session, last);
    } catch (TransportException | RuntimeException e) {
      parts.log().accept("session " + session.sessionId() + ": last message not delivered: " + e);
    }
  }

  private TransportResponse exchange(
      TransportSession channel, ClientSession session, SyncMessage message)
      throws TransportException {
    Encoding encoding = session.encoding();
    byte[] body = codec.encode(message, encoding);
    TransportRequest request =
        new TransportRequest(
            session.target(),
            body,
            encoding == Encoding.WBXML ? DmMediaType.DM_WBXML : DmMediaType.DM_XML,
            session.transportHeaders(body));
    if (exchanges == null) {
      return channel.exchange(request);
    }
    Duration timeout = parts.settings().exchangeTimeout();
    Future<TransportResponse> answer = exchanges.submit(() -> channel.exchange(request));
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new TransportException(
          TransportException.Kind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException t) {
        throw t;
      }
      throw new TransportException(
          TransportException.Kind.PROTOCOL, "transport failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportException(TransportException.Kind.TIMEOUT, "interrupted (stopping)");
    }
  }

  /**
   * What an account demands of its channel: TLS-PSK when it holds a pre-shared key (with the key,
   * if the DMAcc has it), TLS for an https address, with a client certificate when its client
   * credentials are of AAuthType X509 or TRANSPORT (TLS client authentication); plaintext for an
   * http address, the account's explicit choice (the binding logs it).
   */
  static ChannelSecurity demandOf(Account account) {
    if (account.psk().isPresent()) {
      // Whatever the address: on an http one the binding refuses rather than send in plaintext.
      PskCredentials psk = account.psk().get();
      return psk.key()
          .map(key -> ChannelSecurity.tlsPsk(psk.identity(), key))
          .orElseGet(() -> ChannelSecurity.tlsPsk(psk.identity()));
    }
    boolean clientCertificate =
        account
            .credentials()
            .map(c -> c.authType().trim().toUpperCase(Locale.ROOT))
            .filter(t -> t.equals("X509") || t.equals("TRANSPORT"))
            .isPresent();
    if (clientCertificate) {
      // Likewise: credentials only TLS can carry are never traded for plaintext.
      return ChannelSecurity.mutualTls();
    }
    return "https".equalsIgnoreCase(account.address().getScheme())
        ? ChannelSecurity.tls()
        : ChannelSecurity.plaintext();
  }

  private SessionResult result(
      ClientSession session,
      SessionOutcome outcome,
      String reason,
      Instant start,
      boolean retryable) {
    SessionReport report =
        new SessionReport(
            session.serverId(),
            session.sessionId(),
            session.commands(),
            session.serverPackages(),
            outcome,
            Optional.ofNullable(reason),
            Duration.between(start, clock.instant()));
    return new SessionResult(report, retryable, session.offeredAlerts());
  }

  /** Assembles a {@link SessionEngine} from plain objects. */
  public static final class Builder {
    private DmTree tree;
    private DescriptionCodec tnds;
    private MessageCodec codec;
    private MessageSizer sizer;
    private final List<DmTransport> transportList = new ArrayList<>();
    private Function<String, Optional<DmTransport>> transports = this::byScheme;
    private AlertOutbox outbox;
    private Supplier<UserInteraction> userInteraction = () -> null;
    private Authenticator authenticator;
    private Accounts accounts;
    private SessionSettings settings = SessionSettings.defaults();
    private Consumer<String> log = line -> {};
    private ExecutorService exchanges;
    private Clock clock = Clock.systemUTC();
    private Function<Account, ChannelSecurity> channelSecurity = SessionEngine::demandOf;
    private Supplier<String> sessionIds;

    private Builder() {}

    /**
     * What each account demands of its channel, when it is more than its address, credentials and
     * pre-shared key tell (by default: {@code demandOf}, read from the account's DMAcc).
     */
    public Builder channelSecurity(Function<Account, ChannelSecurity> value) {
      channelSecurity = Objects.requireNonNull(value);
      return this;
    }

    public Builder tree(DmTree value) {
      tree = value;
      return this;
    }

    /** Reads and writes TNDS for {@code ?list=TNDS} and TNDS Add/Replace. */
    public Builder descriptionCodec(DescriptionCodec value) {
      tnds = value;
      return this;
    }

    public Builder messageCodec(MessageCodec value) {
      codec = value;
      return this;
    }

    /** Sizes messages without a message codec (model-level use: sessions fed messages). */
    Builder sizer(MessageSizer value) {
      sizer = value;
      return this;
    }

    /**
     * Where the SessionIDs of client-initiated sessions come from (by default a counter from a
     * random start, in hex). Package-private: for tests that replay a captured server, whose
     * messages carry the capture's SessionID and are refused in a session of any other.
     */
    Builder sessionIds(Supplier<String> value) {
      sessionIds = Objects.requireNonNull(value);
      return this;
    }

    /** Adds a transport; the one whose schemes hold the address's scheme carries the session. */
    public Builder transport(DmTransport value) {
      transportList.add(value);
      return this;
    }

    /** Finds transports by scheme some other way (the OSGi component's live service list). */
    public Builder transports(Function<String, Optional<DmTransport>> value) {
      transports = value;
      return this;
    }

    public Builder outbox(AlertOutbox value) {
      outbox = value;
      return this;
    }

    /** Who answers user-interaction alerts; none means 406 for every one. */
    public Builder userInteraction(UserInteraction value) {
      userInteraction = () -> value;
      return this;
    }

    public Builder userInteraction(Supplier<UserInteraction> value) {
      userInteraction = value;
      return this;
    }

    /**
     * How sessions authenticate; by default a {@link TreeAuthenticator} on the {@link #accounts}
     * given.
     */
    public Builder authenticator(Authenticator value) {
      authenticator = value;
      return this;
    }

    /** The DM accounts whose credentials and nonces the default authenticator uses. */
    public Builder accounts(Accounts value) {
      accounts = value;
      return this;
    }

    public Builder settings(SessionSettings value) {
      settings = value;
      return this;
    }

    /** One line per event worth an operator's eye; never a secret. */
    public Builder log(Consumer<String> value) {
      log = value;
      return this;
    }

    /**
     * Runs each exchange on this executor so that it can be given up after the settings' exchange
     * timeout; without one, the transport's own timeouts apply.
     */
    public Builder exchangeExecutor(ExecutorService value) {
      exchanges = value;
      return this;
    }

    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    private Optional<DmTransport> byScheme(String scheme) {
      return transportList.stream().filter(t -> t.schemes().contains(scheme)).findFirst();
    }

    public SessionEngine build() {
      if (authenticator == null && accounts != null) {
        authenticator = new TreeAuthenticator(accounts, TreeAuthenticator.DEFAULT_ATTEMPTS, log);
      }
      return new SessionEngine(this);
    }
  }
}
