package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example policy of docs/CONFORMANCE.md, downloaded as written there, does what it says. */
class DocumentedExampleTest {

  static String documentedPolicy() throws Exception {
    String doc = Files.readString(Path.of("../../docs/CONFORMANCE.md"));
    int section = doc.indexOf("## Management Policy MO");
    int start = doc.indexOf("```xml\n<MgmtTree", section) + "```xml\n".length();
    return doc.substring(start, doc.indexOf("```", start));
  }

  @Test
  void the_documented_door_relay_policy_downloads_and_runs() throws Exception {
    try (Gateway gw = Gateway.inMemory()) {
      gw.device().addLeaf(NodeUri.of("./Vendor/Door/Input"), NodeValue.of("0", NodeFormat.INT));
      gw.device()
          .addLeaf(NodeUri.of("./Vendor/Relay/Output"), NodeValue.of("false", NodeFormat.BOOL));

      gw.addTnds(Gateway.SERVER, "./MgmtPolicy/Policies", documentedPolicy());
      gw.replace("./Vendor/Door/Input", NodeValue.of("1", NodeFormat.INT));
      gw.advance(Duration.ofSeconds(5));

      assertThat(gw.value("./Vendor/Relay/Output")).contains("true");
      assertThat(gw.outcomes("door-relay")).containsExactly("done");
      assertThat(gw.details("door-relay").get(0)).contains("2: get ./Vendor/Relay/Output = 'true'");
      assertThat(gw.alerts).hasSize(1);
    }
  }
}
