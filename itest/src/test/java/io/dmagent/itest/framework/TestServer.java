package io.dmagent.itest.framework;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * The reference server bundle, configured and listening; what it saw is read through its console
 * command {@code dmserver:results}, as an operator reads it.
 */
public final class TestServer {
  private static final String SERVER_CLASS = "io.dmagent.server.component.ReferenceServer";

  /** Each test's server is a new ServerID, so no account of an earlier test is taken for it. */
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final InFramework framework;
  private final URI uri;
  private final String serverId;
  private final Transport transport;
  final Path caStore;

  private TestServer(
      InFramework framework, URI uri, String serverId, Transport transport, Path caStore) {
    this.framework = framework;
    this.uri = uri;
    this.serverId = serverId;
    this.transport = transport;
    this.caStore = caStore;
  }

  public URI uri() {
    return uri;
  }

  public String serverId() {
    return serverId;
  }

  public Transport transport() {
    return transport;
  }

  /** The last session with the device, as {@code dmserver:results <devId>} prints it. */
  public ServerResults results(String devId) throws Exception {
    CommandProcessor processor = framework.service(CommandProcessor.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CommandSession session =
        processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
      Object text = session.execute("dmserver:results " + devId);
      return ServerResults.parse(String.valueOf(text));
    }
  }

  /** What the server is to be, before it starts. */
  public static final class Builder {
    private final InFramework framework;
    private final Transport transport;
    private String serverId = "itest-" + SERVERS.incrementAndGet();
    private String script = "get ./DevInfo/DevId\n";
    private String clientAuthType = "";
    private String clientName = "";
    private String clientSecret = "";
    private String serverSecret = "";

    Builder(InFramework framework, Transport transport) {
      this.framework = framework;
      this.transport = transport;
    }

    public Builder as(String serverId) {
      this.serverId = serverId;
      return this;
    }

    /**
     * The script every session runs (the reference server's script language, one command a line).
     */
    public Builder running(String script) {
      this.script = script;
      return this;
    }

    /** Devices must present these credentials; the server proves {@code serverSecret}. */
    public Builder demanding(String authType, String name, String secret, String serverSecret) {
      this.clientAuthType = authType;
      this.clientName = name;
      this.clientSecret = secret;
      this.serverSecret = serverSecret;
      return this;
    }

    public TestServer start() throws Exception {
      Path scripts = framework.folder("scripts-" + serverId);
      Files.writeString(scripts.resolve("itest.dms"), script, StandardCharsets.UTF_8);
      Path tls = framework.folder("tls");
      int port = InFramework.freePort();
      Map<String, Object> config = new HashMap<>();
      config.put("host", "127.0.0.1");
      config.put("port", port);
      config.put("path", "/dm");
      config.put("serverId", serverId);
      config.put("security", transport.serverSecurity);
      config.put("keyStore", tls.resolve("server.p12").toString());
      config.put("keyStorePassword", "itest-demo");
      config.put("demoCertificates", true);
      config.put("demoCaStore", tls.resolve("demo-ca.p12").toString());
      config.put("scriptFolder", scripts.toString());
      config.put("defaultScript", "itest");
      config.put("clientAuthType", clientAuthType);
      config.put("clientName", clientName);
      config.put("clientSecret", clientSecret);
      config.put("serverSecret", serverSecret);
      framework.configure("io.dmagent.server", config, Object.class, SERVER_CLASS);
      URI uri = URI.create(transport.scheme + "://127.0.0.1:" + port + "/dm");
      return new TestServer(framework, uri, serverId, transport, tls.resolve("demo-ca.p12"));
    }
  }
}
