package io.dmagent.server;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.RefusalLog;
import io.dmagent.api.log.WireText;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.security.HmacHeader;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.server.delegation.DelegationCourier;
import io.dmagent.server.delegation.DelegationDesk;
import io.dmagent.server.delegation.DelegationGrant;
import io.dmagent.server.delegation.GrantSeal;
import io.dmagent.server.http.EndpointLimits;
import io.dmagent.server.http.HttpAnswer;
import io.dmagent.server.http.HttpCall;
import io.dmagent.server.http.HttpEndpoint;
import io.dmagent.server.http.ServerChannels;
import io.dmagent.server.script.Script;
import io.dmagent.server.script.ScriptException;
import io.dmagent.server.script.ScriptLibrary;
import io.dmagent.server.sessionless.ReceivedReport;
import io.dmagent.server.sessionless.ReportBook;
import io.dmagent.server.sessionless.ReportDesk;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference DM server: devices POST DM messages (XML or WBXML, DM or data-sync media types) to
 * {@code http://<host>:<port>/dm}; each session continues at the RespURI the server hands out
 * ({@code /dm/s/<token>}, an unguessable token). The server keeps a record per DevId and runs a
 * script per session: one queued for the device, else the device's own file, else the default.
 *
 * <p>Use it as a plain class ({@link #builder}) in tests and benchmarks, or as the OSGi component
 * of this bundle. It is small on purpose: no persistence. It takes sessionless reports at {@code
 * <path>/reports}; notifications and sessionless commands are sent by {@link
 * io.dmagent.server.notify.Notifier} and {@link io.dmagent.server.sessionless.SessionlessCommands}.
 *
 * <p>Authentication ({@link Builder#auth}): the server challenges a device that presents no or
 * wrong credentials (407/401 with a Chal and a fresh NextNonce) and runs nothing of its script for
 * it; it checks Basic, MD5, SHA-256 digests and HMAC, and proves itself to the device with its own
 * Cred or HMAC on the nonce the device gave it.
 */
public final class DmServer implements AutoCloseable {
  private static final String SESSION_PATH = "/s/";
  private static final int ENDED_KEPT = 1024;

  /**
   * The longest DevId (the Source LocURI of a device's messages) the server takes. The protocol
   * states none; an IMEI, a MAC address or a urn:uuid is well under 64 characters.
   */
  public static final int MAX_DEVID = 256;

  /** The longest SessionID taken: a server-initiated one is 1 to 4 hex digits (notification). */
  public static final int MAX_SESSIONID = 64;

  private static final String DELEGATION_PATH = "/delegation";
  private static final String REPORTS_PATH = "/reports";
  private static final String BOOTSTRAP_PATH = "/bootstrap";
  private static final int REPORTS_KEPT = 10_000;
  private static final String DELEGATE_NODE = "./Vendor/DMAgent/Authority/Delegate";
  private static final String REVOKE_NODE = "./Vendor/DMAgent/Authority/Revoke";

  private final MessageCodec codec;
  private final ServerSettings settings;
  private final ScriptLibrary library;
  private final Optional<Script> defaultScript;
  private final ServerLog log;
  private final Clock clock;
  private final String basePath;
  private final String boundAuthority;
  private final DeviceTable devices;
  private final SessionTable sessions;
  private final NonceBook nonces;
  private final RefusalLog refusals;
  private final Optional<DeviceAuth> defaultAuth;
  private final Map<String, DeviceAuth> deviceAuth;

  private final SecureRandom random = new SecureRandom();
  private final HttpEndpoint endpoint;
  private final String scheme;
  private final Map<String, GrantSeal> peers;
  private final DelegationDesk desk;
  private final DelegationCourier courier = new DelegationCourier();
  private final ReportBook reports = new ReportBook(REPORTS_KEPT);
  private final ReportDesk reportDesk;
  private final io.dmagent.server.bootstrap.BootstrapDesk bootstrapDesk;

  private DmServer(Builder b) throws IOException {
    this.codec = b.codec;
    this.settings = new ServerSettings(b.serverId, b.maxMsgSize, b.maxObjSize, b.sessionTimeout);
    this.library = new ScriptLibrary(b.scriptFolder, b.defaultScriptName, ScriptLibrary.builtIn());
    this.defaultScript = b.defaultScript;
    this.log = b.log;
    this.clock = b.clock;
    this.basePath = b.path;
    this.defaultAuth = b.defaultAuth;
    this.deviceAuth = Map.copyOf(b.deviceAuth);
    this.scheme = b.channels.scheme();
    this.peers = Map.copyOf(b.peers);
    this.desk = new DelegationDesk(b.serverId, peers, b.clock, b.log);
    this.devices = new DeviceTable(b.maxDevices);
    this.sessions = new SessionTable(b.maxPendingSessions, ENDED_KEPT);
    this.nonces = new NonceBook(b.maxDevices, b.nonceFile, log::warn);
    this.refusals = RefusalLog.standard(log::warn, Clock.systemUTC());
    this.reportDesk =
        new ReportDesk(
            b.serverId, b.codec, b.maxMsgSize, credentials(), reports, b.clock, log::warn);
    this.bootstrapDesk = new io.dmagent.server.bootstrap.BootstrapDesk(log::info);
    this.endpoint =
        new HttpEndpoint(
            new InetSocketAddress(b.host, b.port),
            EndpointLimits.defaults(b.maxMsgSize)
                .withIdle(b.idleTimeout)
                .withMaxConnections(b.maxConnections)
                .withMaxPerAddress(b.maxPerAddress)
                .withHeadDeadline(b.headDeadline),
            b.channels,
            this::handle,
            log::warn,
            refusals);
    String host = b.host.contains(":") ? "[" + b.host + "]" : b.host;
    this.boundAuthority = host + ":" + endpoint.port();
  }

  public static Builder builder(MessageCodec codec) {
    return new Builder(codec);
  }

  /** Where devices send package 1: the address of their DM account. */
  public URI uri() {
    return URI.create(scheme + "://" + boundAuthority + basePath);
  }

  public int port() {
    return endpoint.port();
  }

  /** The server's identifier, the Source of its messages: a device's DMAcc ServerID. */
  public String serverId() {
    return settings.serverId();
  }

  /** Every device that authenticated (or was given a script), by DevId. */
  public List<DeviceRecord> devices() {
    return devices.all().stream()
        .map(DeviceState::snapshot)
        .sorted(Comparator.comparing(DeviceRecord::devId))
        .toList();
  }

  public Optional<DeviceRecord> device(String devId) {
    return devices.get(devId).map(DeviceState::snapshot);
  }

  /** Queues a script for the device's next session (before the device's own or the default). */
  public void queue(String devId, Script script) {
    devices.admit(devId).queue(script);
  }

  /** Sessions whose device has not authenticated yet: a small, bounded number. */
  public int pendingSessions() {
    return sessions.pendingCount();
  }

  /** A script of the server's script folder, by name. */
  public Script script(String name) throws ScriptException {
    return library.named(name);
  }

  /**
   * What the server knows to sign pushes to a device and check its reports: the device's
   * credentials and the nonce the device last gave the server (its SRVCRED nonce).
   */
  public io.dmagent.server.notify.DeviceCredentials credentials() {
    return new io.dmagent.server.notify.DeviceCredentials() {
      @Override
      public boolean knows(String devId) {
        return devices.get(devId).isPresent() || deviceAuth.containsKey(devId);
      }

      @Override
      public Optional<DeviceAuth> auth(String devId) {
        return Optional.ofNullable(deviceAuth.get(devId)).or(() -> defaultAuth);
      }

      @Override
      public byte[] serverNonce(String devId) {
        return nonces.get(devId).server();
      }
    };
  }

  /** Where devices POST sessionless reports (the envelope of FRAMINGS.md). */
  public URI reportsUri() {
    return URI.create(uri() + REPORTS_PATH);
  }

  /** Takes sessionless reports from any carrier (HTTP here, MQTT through a subscriber). */
  public ReportDesk reportDesk() {
    return reportDesk;
  }

  /** Where devices fetch their bootstrap message by GET, {@code ?DevId=<DevId>}. */
  public URI bootstrapUri() {
    return URI.create(uri() + BOOTSTRAP_PATH);
  }

  /** The bootstrap messages kept for devices' GETs. */
  public io.dmagent.server.bootstrap.BootstrapDesk bootstrapDesk() {
    return bootstrapDesk;
  }

  /** The sessionless reports received, once per device and id, oldest first. */
  public List<ReceivedReport> reports() {
    return reports.all();
  }

  /** Where peer servers POST delegation grants for this server (server-to-server exchange). */
  public URI delegationUri() {
    return URI.create(uri() + DELEGATION_PATH);
  }

  /**
   * Delegates this server's authority on {@code grant.devId()} to the peer {@code
   * grant.delegate()}: hands the peer the grant, sealed with the key shared with it, at its {@code
   * desk} ({@link #delegationUri()}), then queues for the device the Exec that applies it (with the
   * address the peer answered) for its next session with this server.
   *
   * @throws IOException when the peer is unreachable or refuses; nothing is queued then
   */
  public void delegate(DelegationGrant grant, URI desk) throws IOException {
    String address = courier.send(desk, seal(grant).seal(grant));
    queue(
        grant.devId(),
        deviceExec(
            "delegation " + grant.id(), DELEGATE_NODE, grant.deviceDocument(URI.create(address))));
    log.info(
        "delegation " + grant.id() + " to " + grant.delegate() + " queued for " + grant.devId());
  }

  /** Ends {@code grant}: tells the peer, and queues the device's Revoke for the next session. */
  public void revoke(DelegationGrant grant, URI desk) throws IOException {
    courier.send(desk, seal(grant).seal(grant.revocation()));
    queue(grant.devId(), deviceExec("revocation " + grant.id(), REVOKE_NODE, grant.id()));
  }

  /** The delegations peers granted this server for {@code devId}, in force now. */
  public List<DelegationGrant> delegationsFor(String devId) {
    return desk.inForce(devId);
  }

  private GrantSeal seal(DelegationGrant grant) {
    GrantSeal seal = peers.get(grant.delegate());
    if (seal == null) {
      throw new IllegalArgumentException(grant.delegate() + " is not a known peer");
    }
    return seal;
  }

  private static Script deviceExec(String name, String node, String data) {
    String escaped = data.replace("\\", "\\\\").replace("\n", "\\n").replace(" ", "\\s");
    try {
      return Script.parse(name, "exec " + node + " " + escaped);
    } catch (ScriptException e) {
      throw new IllegalArgumentException("delegation data the script cannot carry", e);
    }
  }

  /** One HTTP request: a DM message in, the server's message out. */
  HttpAnswer handle(HttpCall call) {
    if (call.path().equals(basePath + DELEGATION_PATH)) {
      return desk.handle(call, uri());
    }
    if (call.path().equals(basePath + REPORTS_PATH)) {
      return reportDesk.handle(call);
    }
    if (call.path().equals(basePath + BOOTSTRAP_PATH)) {
      return bootstrapDesk.handle(call);
    }
    if (!call.method().equals("POST")) {
      return HttpAnswer.text(405, "DM messages are POSTed");
    }
    String path = call.path();
    boolean start = path.equals(basePath);
    if (!start && !path.startsWith(basePath + SESSION_PATH)) {
      return HttpAnswer.text(404, "no DM endpoint at this path");
    }
    Optional<DmMediaType> type = call.header("content-type").flatMap(DmMediaType::fromContentType);
    if (type.isEmpty()) {
      refuse(
          call,
          "Content-Type "
              + WireText.quote(call.header("content-type").orElse(""))
              + " is not a SyncML DM media type");
      return HttpAnswer.text(
          415, "expected application/vnd.syncml.dm+xml or +wbxml (or vnd.syncml+xml, +wbxml)");
    }
    Encoding encoding = type.get().isWbxml() ? Encoding.WBXML : Encoding.XML;
    SyncMessage in;
    try {
      in = codec.decode(call.body(), encoding, settings.maxMsgSize());
    } catch (MessageFormatException e) {
      refuse(call, "(" + e.status() + ") " + WireText.quote(e.getMessage(), 300));
      return HttpAnswer.text(e.status() == 413 ? 413 : 400, "not a DM message");
    }
    String devId = in.header().source().locUri();
    String sessionId = in.header().sessionId();
    if (devId.length() > MAX_DEVID || sessionId.length() > MAX_SESSIONID) {
      refuse(
          call,
          "DevId of "
              + devId.length()
              + " characters or SessionID of "
              + sessionId.length()
              + " (at most "
              + MAX_DEVID
              + " and "
              + MAX_SESSIONID
              + ")");
      return HttpAnswer.text(400, "DevId or SessionID too long");
    }
    Optional<ServerSession> session =
        start ? startOrFind(in, call) : sessions.find(path.substring(basePath.length() + 3));
    if (session.isEmpty() || !session.get().log().state().acceptsMessages()) {
      refuse(
          call,
          "for no active session (SessionID "
              + WireText.quote(sessionId)
              + " from "
              + WireText.quote(devId)
              + ")");
      return HttpAnswer.text(404, "no such session; start one with package 1 at " + basePath);
    }
    ServerSession s = session.get();
    SyncMessage out = s.answer(in, encoding, call.body(), call.header(HmacHeader.NAME));
    if (s.log().state() != SessionState.ACTIVE && sessions.ended(s) && s.admitted()) {
      SessionRecord r = s.log().snapshot();
      log.info(
          "session "
              + WireText.quote(r.sessionId())
              + " with "
              + WireText.quote(r.devId())
              + " ended: "
              + r.state().name().toLowerCase().replace('_', ' ')
              + ", "
              + r.managementCommands()
              + " commands, "
              + r.serverPackages()
              + " server packages");
    }
    byte[] bytes = codec.encode(out, encoding);
    return new HttpAnswer(200, type.get().mimeType(), bytes, s.responseHeaders(bytes));
  }

  /** One refused message, summarised with the others of its client. */
  private void refuse(HttpCall call, String why) {
    refusals.refuse(call.client(), () -> "message from " + call.client() + " refused: " + why);
  }

  /**
   * Package 1 starts a session. A message to the base address that is not package 1 belongs to the
   * device's running session with that SessionID: for clients that ignore RespURI.
   *
   * <p>Until its device authenticates, the session is all the server keeps for it, in a small
   * bounded table ({@link SessionTable}); the device's record and script come with {@link #admit}.
   */
  private Optional<ServerSession> startOrFind(SyncMessage in, HttpCall call) {
    String devId = in.header().source().locUri();
    String sessionId = in.header().sessionId();
    boolean packageOne =
        in.commands().stream()
            .anyMatch(
                c ->
                    c instanceof Alert a
                        && (a.code() == Alert.CLIENT_INITIATED_MGMT
                            || a.code() == Alert.SERVER_INITIATED_MGMT));
    if (!packageOne) {
      return sessions.running(devId, sessionId);
    }
    expireIdle();
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String respUri = scheme + "://" + authority(call) + basePath + SESSION_PATH + token;
    SessionLog sessionLog = new SessionLog(sessionId, devId, "none yet", clock.instant());
    ServerAuth auth =
        new ServerAuth(
            Optional.ofNullable(deviceAuth.get(devId)).or(() -> defaultAuth),
            devId,
            nonces,
            settings.serverId(),
            random,
            log,
            line -> refusals.refuse(call.client(), () -> line),
            sessionId);
    ServerSession session =
        new ServerSession(token, respUri, settings, codec, sessionLog, clock, auth, this::admit);
    sessions
        .open(session)
        .ifPresent(
            old -> {
              old.log().end(SessionState.EXPIRED, clock.instant());
              refusals.refuse(
                  call.client(),
                  () ->
                      "session "
                          + WireText.quote(old.log().sessionId())
                          + " with "
                          + WireText.quote(old.log().devId())
                          + " dropped before authenticating: too many sessions wait for"
                          + " credentials");
            });
    return Optional.of(session);
  }

  /** The session's device authenticated (or none is asked): it gets its record and script. */
  private ServerSession.Admitted admit(ServerSession session) {
    SessionLog sessionLog = session.log();
    String devId = sessionLog.devId();
    DeviceState device = devices.admit(devId);
    Script script = scriptFor(devId, device);
    sessionLog.script(script.name());
    device.sessionStarted(sessionLog);
    sessions.admit(session);
    log.info(
        "session "
            + WireText.quote(sessionLog.sessionId())
            + " with "
            + WireText.quote(devId)
            + " started: script "
            + script.name()
            + " ("
            + script.commandCount()
            + " commands)");
    return new ServerSession.Admitted(device, script);
  }

  private Script scriptFor(String devId, DeviceState device) {
    Optional<Script> queued = device.nextQueued();
    if (queued.isPresent()) {
      return queued.get();
    }
    if (defaultScript.isPresent()) {
      return defaultScript.get();
    }
    try {
      return library.forDevice(devId);
    } catch (ScriptException e) {
      log.warn(
          "script for "
              + WireText.quote(devId)
              + " not usable, session runs no commands: "
              + WireText.quote(e.getMessage(), 300));
      return Script.empty("broken script");
    }
  }

  /** The address the device used, for its RespURI; the bound one if its Host header is odd. */
  private String authority(HttpCall call) {
    return call.header("host")
        .filter(h -> h.matches("[A-Za-z0-9.:\\[\\]-]{1,255}"))
        .orElse(boundAuthority);
  }

  private void expireIdle() {
    Instant limit = clock.instant().minus(settings.sessionTimeout());
    for (ServerSession s : sessions.expire(limit)) {
      if (s.log().end(SessionState.EXPIRED, clock.instant()) && s.admitted()) {
        log.info(
            "session "
                + WireText.quote(s.log().sessionId())
                + " with "
                + WireText.quote(s.log().devId())
                + " expired");
      }
    }
  }

  @Override
  public void close() {
    endpoint.close();
  }

  /** How to set up a server; every value has a default fit for loopback tests. */
  public static final class Builder {
    private final MessageCodec codec;
    private String host = "127.0.0.1";
    private int port;
    private String path = "/dm";
    private String serverId = "dmagent-reference";
    private int maxMsgSize = 1024 * 1024;
    private long maxObjSize = 16L * 1024 * 1024;
    private Duration sessionTimeout = Duration.ofMinutes(5);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxConnections = 32;
    private int maxPerAddress = 8;
    private Duration headDeadline = Duration.ofSeconds(10);
    private int maxPendingSessions = 64;
    private int maxDevices = 1000;
    private Optional<Path> nonceFile = Optional.empty();
    private Optional<Path> scriptFolder = Optional.empty();
    private String defaultScriptName = "default";
    private Optional<Script> defaultScript = Optional.empty();
    private ServerLog log = ServerLog.system();
    private Clock clock = Clock.systemUTC();
    private Optional<DeviceAuth> defaultAuth = Optional.empty();
    private final Map<String, DeviceAuth> deviceAuth = new java.util.HashMap<>();
    private ServerChannels channels = ServerChannels.plain();
    private final Map<String, GrantSeal> peers = new java.util.HashMap<>();

    private Builder(MessageCodec codec) {
      this.codec = Objects.requireNonNull(codec);
    }

    /**
     * A peer server this one exchanges delegations with, and the key both hold (at least 16 bytes):
     * grants to it are sealed with it, grants from it must be.
     */
    public Builder peer(String peerServerId, byte[] key) {
      peers.put(Objects.requireNonNull(peerServerId), new GrantSeal(key));
      return this;
    }

    /** The address to bind, 127.0.0.1 unless said otherwise. */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value);
      return this;
    }

    /** The port; 0 (the default) takes any free one, see {@link DmServer#port()}. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The path devices POST to, {@code /dm} by default. */
    public Builder path(String value) {
      if (!value.startsWith("/") || value.endsWith("/")) {
        throw new IllegalArgumentException("a path starts with '/' and does not end with one");
      }
      this.path = value;
      return this;
    }

    public Builder serverId(String value) {
      this.serverId = Objects.requireNonNull(value);
      return this;
    }

    /** The largest message the server accepts, announced to devices as MaxMsgSize. */
    public Builder maxMsgSize(int value) {
      this.maxMsgSize = value;
      return this;
    }

    public Builder maxObjSize(long value) {
      this.maxObjSize = value;
      return this;
    }

    /** How long a session may wait for the device's next message before it is dropped. */
    public Builder sessionTimeout(Duration value) {
      this.sessionTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** Connections served at once (32): one worker thread each. */
    public Builder maxConnections(int value) {
      this.maxConnections = value;
      return this;
    }

    /** Connections served at once for one client address (8). */
    public Builder maxPerAddress(int value) {
      this.maxPerAddress = value;
      return this;
    }

    /**
     * Time a connection has for its TLS handshake and request head, and each later request for its
     * head (10 s): a client dribbling bytes is cut off when it passes.
     */
    public Builder headDeadline(Duration value) {
      this.headDeadline = Objects.requireNonNull(value);
      return this;
    }

    /** How long a kept-alive connection may wait for its next request (30 s). */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Sessions kept at once whose device has not authenticated yet (64): a new one pushes out the
     * oldest.
     */
    public Builder maxPendingSessions(int value) {
      this.maxPendingSessions = value;
      return this;
    }

    /** Device records (and their nonces) kept (1000): the least recently seen go first. */
    public Builder maxDevices(int value) {
      this.maxDevices = value;
      return this;
    }

    /**
     * Where the nonces of authenticated devices are kept across restarts (owner-only); without one,
     * a restarted server challenges every device afresh (its first message gets 401).
     */
    public Builder nonceFile(Path value) {
      this.nonceFile = Optional.of(value);
      return this;
    }

    /** The folder of {@code .dms} scripts: the default and per-device ones. */
    public Builder scriptFolder(Path value) {
      this.scriptFolder = Optional.of(value);
      return this;
    }

    /** Which script of the folder is the default ({@code default}). */
    public Builder defaultScriptName(String value) {
      this.defaultScriptName = Objects.requireNonNull(value);
      return this;
    }

    /** A script every session runs that has none queued, in place of the folder's. */
    public Builder defaultScript(Script value) {
      this.defaultScript = Optional.of(value);
      return this;
    }

    public Builder log(ServerLog value) {
      this.log = Objects.requireNonNull(value);
      return this;
    }

    /** The credentials of every device that has none of its own; without them, none is asked. */
    public Builder auth(DeviceAuth value) {
      this.defaultAuth = Optional.of(value);
      return this;
    }

    /** The credentials of the device {@code devId}. */
    public Builder auth(String devId, DeviceAuth value) {
      this.deviceAuth.put(Objects.requireNonNull(devId), Objects.requireNonNull(value));
      return this;
    }

    /**
     * What devices connect with: plain HTTP by default, HTTPS or TLS-PSK from {@link
     * io.dmagent.server.tls.ServerTls}. {@link DmServer#uri()} follows (https for both secure
     * kinds).
     */
    public Builder channels(ServerChannels value) {
      this.channels = Objects.requireNonNull(value);
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /** Binds the port and starts serving. */
    public DmServer start() throws IOException {
      return new DmServer(this);
    }
  }
}
