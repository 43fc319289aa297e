package io.dmagent.server;

import io.dmagent.api.security.AuthScheme;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.http.ServerChannels;
import io.dmagent.server.script.Script;
import io.dmagent.server.tls.DemoCertificates;
import io.dmagent.server.tls.ServerTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

/**
 * The reference server in a JVM of its own, for the session benchmark: the agent's JVM then
 * measures only itself. {@code ServerMain <port> [script.dms]}; prints {@code listening <uri>} once
 * bound and runs until its standard input closes (its parent ended). The channel is plain HTTP
 * unless system property {@value #CHANNEL} says {@code tls} (HTTPS with demo certificates made in
 * the folder of property {@value #PKI}: {@code server.p12}, {@code demo-ca.p12}) or {@code psk}
 * (TLS-PSK with {@link #PSK_IDENTITY} and {@link #PSK_HEX}).
 */
public final class ServerMain {
  /** A 4-package session: package 2 reads five leaves and changes one, package 4 ends it. */
  static final String BENCH_SCRIPT =
      """
      get ./DevInfo/DevId
      get ./DevInfo/Man
      get ./DevInfo/Mod
      get ./DevDetail/DevTyp
      get ./DevDetail/SwV
      replace ./Vendor/Bench/Note chr benchmark
      """;

  public static final String SERVER_ID = "bench-server";

  static final String CHANNEL = "dmagent.bench.channel";
  static final String PKI = "dmagent.bench.pki";
  static final String STORE_PASSWORD = "bench-only";
  static final String PSK_IDENTITY = "bench-gateway";
  static final String PSK_HEX = "000102030405060708090a0b0c0d0e0f";
  static final String AUTH = "dmagent.bench.auth";
  static final String CLIENT_NAME = "bench-gateway";
  static final String CLIENT_SECRET = "bench-client-secret";
  static final String SERVER_SECRET = "bench-server-secret";

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Script script =
        args.length > 1
            ? Script.parse("bench", Files.readString(Path.of(args[1]), StandardCharsets.UTF_8))
            : Script.parse("bench", BENCH_SCRIPT);
    try (DmServer server = start(port, script)) {
      System.out.println("listening " + server.uri());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Runs until the parent closes our input.
      }
    }
  }

  static DmServer start(int port, Script script) throws Exception {
    DmServer.Builder b = DmServer.builder(new SyncMlCodec());
    if (System.getProperty(AUTH, "none").equals("hmac")) {
      b.auth(DeviceAuth.mutual(AuthScheme.HMAC_MD5, CLIENT_NAME, CLIENT_SECRET, SERVER_SECRET));
    }
    return b.port(port)
        .serverId(SERVER_ID)
        .defaultScript(script)
        .maxConnections(256)
        .channels(channels(System.getProperty(CHANNEL, "http")))
        .log(ServerLog.silent())
        .start();
  }

  private static ServerChannels channels(String channel) throws Exception {
    switch (channel) {
      case "tls":
        Path dir = Path.of(System.getProperty(PKI));
        char[] pw = STORE_PASSWORD.toCharArray();
        DemoCertificates.ensure(dir.resolve("server.p12"), dir.resolve("demo-ca.p12"), pw);
        return ServerTls.https(ServerTls.load(dir.resolve("server.p12"), "PKCS12", pw), pw);
      case "psk":
        return ServerTls.psk(Map.of(PSK_IDENTITY, HexFormat.of().parseHex(PSK_HEX)));
      default:
        return ServerChannels.plain();
    }
  }
}
