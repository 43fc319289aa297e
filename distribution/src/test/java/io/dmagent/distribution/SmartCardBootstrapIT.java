package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap from a smart card, end to end: the image with the feature dm-hw-smartcard, pcscd,
 * vpcd's virtual reader and a virtual PKCS#15 card whose EF(DM_Bootstrap) is larger than 32 KB
 * (DM-HLF-013). The agent reads the card through javax.smartcardio, the Bootstrapper writes its
 * accounts, and taking the card out removes them again (bootstrap 5.5). Where pcscd is not running
 * yet, the agent starts without it and finds it once the test starts it.
 */
class SmartCardBootstrapIT {
  /** Enough accounts for a bootstrap message beyond 32 KB. */
  private static final int ACCOUNTS = 24;

  @TempDir Path dir;

  @Test
  void the_agent_bootstraps_from_a_card_beyond_32_kb_and_drops_its_accounts_when_it_is_taken_out()
      throws Exception {
    byte[] bootstrap = bootstrapMessage().getBytes(StandardCharsets.UTF_8);
    assertThat(bootstrap.length).isGreaterThan(32 * 1024);
    Path home = RunningAgent.install(dir);
    Files.writeString(
        home.resolve("config/io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server,dm-hw-smartcard\n");
    Files.writeString(
        home.resolve("config/io.dmagent.hw.smartcard.cfg"),
        "readerFilter=^Virtual PCD 00 00$\nwaitMillis=200\n");
    // Sessions with two dozen made-up servers are not what this test is about.
    Files.writeString(
        home.resolve("config/io.dmagent.bootstrap.cfg"), "sessionAfterBootstrap=false\n");

    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      // Where no pcscd runs yet (CI), it starts only now: the agent finds it when it comes.
      VirtualSmartCard.requireStack(dir);
      agent.awaitLine("Smart card: watching '" + VirtualSmartCard.READER + "'");

      try (VirtualSmartCard card = VirtualSmartCard.insert(dir, bootstrap, "e2e-card")) {
        agent.awaitLine("bootstrap of " + bootstrap.length + " bytes APPLIED");
        assertThat(agent.console("dm:get ./DMAcc/card1/ServerID")).contains("card-server-1");
        assertThat(agent.console("dm:get ./DMAcc/card" + ACCOUNTS + "/AppAddr/1/Addr"))
            .contains(address(ACCOUNTS));
      }

      agent.awaitLine("'" + VirtualSmartCard.READER + "/e2e-card' gone: accounts withdrawn");
      assertThat(agent.console("dm:get ./DMAcc/card1/ServerID"))
          .anyMatch(l -> l.startsWith("error 404"));

      // The same card put back bootstraps again: a withdrawal leaves nothing "unchanged" behind.
      try (VirtualSmartCard card = VirtualSmartCard.insert(dir, bootstrap, "e2e-card")) {
        awaitLines(agent, "bootstrap of " + bootstrap.length + " bytes APPLIED", 2);
        assertThat(agent.console("dm:get ./DMAcc/card1/ServerID")).contains("card-server-1");
      }
      assertThat(agent.console("dm:get ./DMAcc/demo/ServerID")).contains("dmagent-demo");
      assertThat(agent.lines()).noneMatch(l -> l.contains("ERROR") || l.startsWith("\tat "));
    }
  }

  private static void awaitLines(RunningAgent agent, String containing, int count)
      throws InterruptedException {
    agent.awaitLine(
        l -> agent.lines().stream().filter(line -> line.contains(containing)).count() >= count);
  }

  private static String address(int account) {
    return "https://dm" + account + ".example:8443/dm";
  }

  /** A DM-profile bootstrap (SyncML XML, TNDS in XML) adding {@link #ACCOUNTS} DMAcc accounts. */
  private static String bootstrapMessage() {
    StringBuilder accounts = new StringBuilder();
    for (int i = 1; i <= ACCOUNTS; i++) {
      accounts.append(
          interior(
              "card" + i,
              leaf("AppID", "w7")
                  + leaf("ServerID", "card-server-" + i)
                  + leaf("Name", "Server " + i + " from the card")
                  + interior(
                      "AppAddr", interior("1", leaf("Addr", address(i)) + leaf("AddrType", "URI")))
                  + interior(
                      "AppAuth",
                      interior(
                          "1",
                          leaf("AAuthLevel", "CLCRED")
                              + leaf("AAuthType", "DIGEST")
                              + leaf("AAuthName", "gateway-" + i)
                              + leaf("AAuthSecret", "card-secret-" + i)))));
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SyncML xmlns=\"SYNCML:SYNCML1.2\">"
        + "<SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1</SessionID>"
        + "<MsgID>1</MsgID><Target><LocURI>IMEI:493005100592800</LocURI></Target>"
        + "<Source><LocURI>"
        + address(1)
        + "</LocURI></Source></SyncHdr><SyncBody><Add><CmdID>1</CmdID><Item>"
        + "<Target><LocURI>./DMAcc</LocURI></Target><Meta>"
        + "<Format xmlns=\"syncml:metinf\">xml</Format>"
        + "<Type xmlns=\"syncml:metinf\">application/vnd.syncml.dmtnds+xml</Type></Meta>"
        + "<Data><MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD>"
        + accounts
        + "</MgmtTree></Data></Item></Add><Final/></SyncBody></SyncML>";
  }

  private static String interior(String name, String children) {
    return "<Node><NodeName>"
        + name
        + "</NodeName><RTProperties><Format><node/></Format></RTProperties>"
        + children
        + "</Node>";
  }

  private static String leaf(String name, String value) {
    return "<Node><NodeName>"
        + name
        + "</NodeName><RTProperties><Format><chr/></Format><Type><MIME>text/plain</MIME></Type>"
        + "</RTProperties><Value>"
        + value
        + "</Value></Node>";
  }
}
