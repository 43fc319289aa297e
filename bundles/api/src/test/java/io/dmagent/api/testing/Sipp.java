package io.dmagent.api.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real SIPp (Debian sip-tester) sending a push: one MESSAGE whose body is any bytes (SIPp's
 * {@code [file]} keyword carries NUL bytes, as a DM 1.2 notification has), a 202 expected.
 */
public final class Sipp {
  private static final String SCENARIO =
      """
      <?xml version="1.0" encoding="ISO-8859-1" ?>
      <scenario name="dm push">
        <send>
          <![CDATA[
      MESSAGE sip:USER@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:dmserver@[local_ip]>;tag=[call_number]
      To: <sip:USER@[remote_ip]>
      Call-ID: [call_id]
      CSeq: 1 MESSAGE
      Max-Forwards: 70
      Content-Type: application/vnd.syncml.notification
      Content-Length: [len]

      [file name="body.bin"]]]>
        </send>
        <recv response="202"/>
      </scenario>
      """;

  private Sipp() {}

  /** Skips the test where SIPp is missing (fails it on CI), before anything is started for it. */
  public static void assumeInstalled() {
    ExternalTool.require("sipp", "sip-tester");
  }

  /**
   * Sends {@code body} to {@code user} at {@code target} ({@code host:port}) over SIPp's {@code
   * transport} ({@code u1} UDP, {@code t1} TCP); the scenario and body are written to {@code
   * folder}. Skipped where SIPp is missing, except on CI.
   */
  public static ExternalTool.Run pushMessage(
      Path folder, String transport, String user, byte[] body, String target) throws Exception {
    ExternalTool sipp = ExternalTool.require("sipp", "sip-tester").patience(Duration.ofSeconds(60));
    Files.write(folder.resolve("body.bin"), body);
    Files.writeString(folder.resolve("push.xml"), SCENARIO.replace("USER", user));
    return sipp.run(
        folder,
        "-sf",
        "push.xml",
        "-m",
        "1",
        "-t",
        transport,
        "-i",
        "127.0.0.1",
        "-p",
        "0",
        "-timeout",
        "30s",
        "-nostdin",
        target);
  }
}
