package io.dmagent.server;

import io.dmagent.api.description.Encoding;
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
import io.dmagent.server.http.HttpAnswer;
import io.dmagent.server.http.HttpCall;
import io.dmagent.server.http.HttpEndpoint;
import io.dmagent.server.http.ServerChannels;
import io.dmagent.server.script.Script;
import io.dmagent.server.script.ScriptException;
import io.dmagent.server.script.ScriptLibrary;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference DM server: devices POST DM messages (XML or WBXML, DM or data-sync media types) to
 * {@code http://<host>:<port>/dm}; each session continues at the RespURI the server hands out
 * ({@code /dm/s/<token>}, an unguessable token). The server keeps a record per DevId and runs a
 * script per session: one queued for the device, else the device's own file, else the default.
 *
 * <p>Use it as a plain class ({@link #builder}) in tests and benchmarks, or as the OSGi component
 * of this bundle. It is small on purpose: no persistence, no notification (package 0).
 *
 * <p>Authentication ({@link Builder#auth}): the server challenges a device that presents no or
 * wrong credentials (407/401 with a Chal and a fresh NextNonce) and runs nothing of its script for
 * it; it checks Basic, MD5, SHA-256 digests and HMAC, and proves itself to the device with its own
 * Cred or HMAC on the nonce the device gave it.
 */
public final class DmServer implements AutoCloseable {
  private static final String SESSION_PATH = "/s/";
  private static final int ENDED_KEPT = 1024;
  private static final String DELEGATION_PATH = "/delegation";
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
  private final Map<String, DeviceState> devices = new ConcurrentHashMap<>();
  private final Map<String, ServerSession> sessions = new ConcurrentHashMap<>();
  private final Optional<DeviceAuth> defaultAuth;
  private final Map<String, DeviceAuth> deviceAuth;

  /**
   * Sessions that ended lately: a device may still send what it had queued (alerts) after the
   * server's last package, or its last words after an abort. Bounded: the oldest are forgotten.
   */
  private final Map<String, ServerSession> ended =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ServerSession> eldest) {
          return size() > ENDED_KEPT;
        }
      };

  private final SecureRandom random = new SecureRandom();
  private final HttpEndpoint endpoint;
  private final String scheme;
  private final Map<String, GrantSeal> peers;
  private final DelegationDesk desk;
  private final DelegationCourier courier = new DelegationCourier();

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
    this.endpoint =
        new HttpEndpoint(
            new InetSocketAddress(b.host, b.port),
            b.maxMsgSize,
            (int) b.idleTimeout.toMillis(),
            b.maxConnections,
            b.channels,
            this::handle,
            log::warn);
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

  /** Every device seen (or given a script), by DevId. */
  public List<DeviceRecord> devices() {
    return devices.values().stream()
        .map(DeviceState::snapshot)
        .sorted(Comparator.comparing(DeviceRecord::devId))
        .toList();
  }

  public Optional<DeviceRecord> device(String devId) {
    return Optional.ofNullable(devices.get(devId)).map(DeviceState::snapshot);
  }

  /** Queues a script for the device's next session (before the device's own or the default). */
  public void queue(String devId, Script script) {
    device(devId, true).queue(script);
  }

  /** A script of the server's script folder, by name. */
  public Script script(String name) throws ScriptException {
    return library.named(name);
  }

  private DeviceState device(String devId, boolean create) {
    return create ? devices.computeIfAbsent(devId, DeviceState::new) : devices.get(devId);
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
      log.warn("message refused: Content-Type is not a SyncML DM media type");
      return HttpAnswer.text(
          415, "expected application/vnd.syncml.dm+xml or +wbxml (or vnd.syncml+xml, +wbxml)");
    }
    Encoding encoding = type.get().isWbxml() ? Encoding.WBXML : Encoding.XML;
    SyncMessage in;
    try {
      in = codec.decode(call.body(), encoding, settings.maxMsgSize());
    } catch (MessageFormatException e) {
      log.warn("message refused (" + e.status() + "): " + e.getMessage());
      return HttpAnswer.text(e.status() == 413 ? 413 : 400, "not a DM message: " + e.getMessage());
    }
    Optional<ServerSession> session =
        start ? startOrFind(in, call) : find(path.substring(basePath.length() + 3));
    if (session.isEmpty() || !session.get().log().state().acceptsMessages()) {
      log.warn(
          "message for no active session refused (SessionID "
              + in.header().sessionId()
              + " from "
              + in.header().source().locUri()
              + ")");
      return HttpAnswer.text(404, "no such session; start one with package 1 at " + basePath);
    }
    ServerSession s = session.get();
    SyncMessage out = s.answer(in, encoding, call.body(), call.header(HmacHeader.NAME));
    if (s.log().state() != SessionState.ACTIVE && sessions.remove(s.token()) != null) {
      synchronized (ended) {
        ended.put(s.token(), s);
      }
      SessionRecord r = s.log().snapshot();
      log.info(
          "session "
              + r.sessionId()
              + " with "
              + r.devId()
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

  private Optional<ServerSession> find(String token) {
    ServerSession s = sessions.get(token);
    if (s == null) {
      synchronized (ended) {
        s = ended.get(token);
      }
    }
    return Optional.ofNullable(s);
  }

  /**
   * Package 1 starts a session. A message to the base address that is not package 1 belongs to the
   * device's running session with that SessionID: for clients that ignore RespURI.
   */
  private Optional<ServerSession> startOrFind(SyncMessage in, HttpCall call) {
    String devId = in.header().source().locUri();
    boolean packageOne =
        in.commands().stream()
            .anyMatch(
                c ->
                    c instanceof Alert a
                        && (a.code() == Alert.CLIENT_INITIATED_MGMT
                            || a.code() == Alert.SERVER_INITIATED_MGMT));
    if (!packageOne) {
      return sessions.values().stream()
          .filter(
              s ->
                  s.log().devId().equals(devId)
                      && s.log().sessionId().equals(in.header().sessionId()))
          .findFirst();
    }
    expireIdle();
    DeviceState device = device(devId, true);
    Script script = scriptFor(devId, device);
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String respUri = scheme + "://" + authority(call) + basePath + SESSION_PATH + token;
    SessionLog sessionLog =
        new SessionLog(in.header().sessionId(), devId, script.name(), clock.instant());
    device.sessionStarted(sessionLog);
    ServerAuth auth =
        new ServerAuth(
            Optional.ofNullable(deviceAuth.get(devId)).or(() -> defaultAuth),
            device,
            settings.serverId(),
            random,
            log,
            in.header().sessionId());
    ServerSession session =
        new ServerSession(token, respUri, settings, codec, device, sessionLog, script, clock, auth);
    sessions.put(token, session);
    log.info(
        "session "
            + in.header().sessionId()
            + " with "
            + devId
            + " started: script "
            + script.name()
            + " ("
            + script.commandCount()
            + " commands)");
    return Optional.of(session);
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
      log.warn("script for " + devId + " not usable, session runs no commands: " + e.getMessage());
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
    sessions
        .values()
        .removeIf(
            s -> {
              if (s.lastActivity().isBefore(limit)) {
                if (s.log().end(SessionState.EXPIRED, clock.instant())) {
                  log.info(
                      "session " + s.log().sessionId() + " with " + s.log().devId() + " expired");
                }
                return true;
              }
              return false;
            });
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
    private int maxConnections = 64;
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

    public Builder maxConnections(int value) {
      this.maxConnections = value;
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
