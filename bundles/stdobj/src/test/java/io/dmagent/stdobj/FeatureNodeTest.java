package io.dmagent.stdobj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeatureNodeTest {
  private static OptionalFeature feature(String name, String description) {
    return new OptionalFeature() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }
    };
  }

  @Test
  void a_feature_is_a_node_under_features_whose_description_is_read_live() {
    FeatureNode node = new FeatureNode(feature("PushSIP", "SIP MESSAGE and NOTIFY"));

    assertThat(node.root()).isEqualTo(NodeUri.of("./DevDetail/Ext/DMAgent/Features/PushSIP"));
    assertThat(node.readLive(NodeUri.of(node.root() + "/Description")).map(NodeValue::text))
        .contains("SIP MESSAGE and NOTIFY");
    assertThat(new String(node.ddf(), StandardCharsets.UTF_8))
        .contains("<NodeName>PushSIP</NodeName>")
        .contains("<Path>./DevDetail/Ext/DMAgent/Features</Path>");
  }

  @Test
  void a_feature_name_that_is_no_plain_node_name_is_refused() {
    for (String bad : new String[] {"", "a/b", "<x>", "..", "a b", "x".repeat(65)}) {
      assertThatThrownBy(() -> new FeatureNode(feature(bad, "d")))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new FeatureNode(feature(null, "d")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
