package io.dmagent.server;

import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.script.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference server in a JVM of its own, for the session benchmark: the agent's JVM then
 * measures only itself. {@code ServerMain <port> [script.dms]}; prints {@code listening <uri>} once
 * bound and runs until its standard input closes (its parent ended).
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

  static DmServer start(int port, Script script) throws IOException {
    return DmServer.builder(new SyncMlCodec())
        .port(port)
        .serverId(SERVER_ID)
        .defaultScript(script)
        .maxConnections(256)
        .log(ServerLog.silent())
        .start();
  }
}
