package io.dmagent.bootstrap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.PlainTree;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bootstrap Config MO on the real tree, as servers manage it. */
class BootConfigObjectTest {
  private static final Principal SERVER = Principal.server("acme-dm");

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicReference<Set<String>> knownServers = new AtomicReference<>(Set.of());
  private PlainTree tree;
  private BootConfigView view;

  @BeforeEach
  void graft() throws Exception {
    tree = PlainTree.inMemory().codec(new DdfTndsCodec()).log(log::add).open();
    tree.graft(new BootConfigObject(knownServers::get));
    view = new BootConfigView(tree, true, log::add);
    view.ensureDefaults();
  }

  @AfterEach
  void close() throws Exception {
    tree.close();
  }

  private TreeOperations server() {
    return tree.operations(SERVER);
  }

  private static NodeUri uri(String s) {
    return NodeUri.of(s);
  }

  @Test
  void bootsrvdiscovery_starts_at_the_configured_default_and_a_server_can_inhibit_discovery()
      throws Exception {
    assertThat(server().get(uri("./BootConfig/BootSrvDiscovery")).value().orElseThrow().text())
        .isEqualTo("1");
    assertThat(view.discoveryAllowed()).isTrue();

    server().replace(uri("./BootConfig/BootSrvDiscovery"), NodeValue.of("0", NodeFormat.INT));

    assertThat(view.discoveryAllowed()).isFalse();
  }

  @Test
  void a_gateway_configured_to_inhibit_discovery_starts_with_bootsrvdiscovery_0() throws Exception {
    PlainTree other = PlainTree.inMemory().codec(new DdfTndsCodec()).log(log::add).open();
    try {
      other.graft(new BootConfigObject(knownServers::get));
      BootConfigView inhibited = new BootConfigView(other, false, log::add);
      inhibited.ensureDefaults();

      assertThat(inhibited.discoveryAllowed()).isFalse();
      assertThat(
              other
                  .operations(Principal.device())
                  .get(uri("./BootConfig/BootSrvDiscovery"))
                  .value()
                  .orElseThrow()
                  .text())
          .isEqualTo("0");
    } finally {
      other.close();
    }
  }

  @Test
  void a_server_adds_several_bootstrap_servers_with_their_trust_anchor_and_client_key()
      throws Exception {
    server().addLeaf(uri("./BootConfig/BootSrvInfo/a/URL"), NodeValue.text("https://a.example/b"));
    server()
        .addLeaf(uri("./BootConfig/BootSrvInfo/a/Ext/TrustAnchor"), NodeValue.text("operator-ca"));
    server().addLeaf(uri("./BootConfig/BootSrvInfo/a/Ext/ClientKey"), NodeValue.text("gw-key"));
    server().addLeaf(uri("./BootConfig/BootSrvInfo/b/URL"), NodeValue.text("https://b.example/"));

    assertThat(view.servers())
        .containsExactly(
            new BootServer(
                URI.create("https://a.example/b"),
                Optional.of("operator-ca"),
                Optional.of("gw-key")),
            BootServer.of(URI.create("https://b.example/")));
  }

  @Test
  void a_value_the_ddf_does_not_allow_is_refused() {
    assertThatThrownBy(
            () -> server().addLeaf(uri("./BootConfig/BootSrvInfo/a/Secret"), NodeValue.text("x")))
        .isInstanceOf(DmException.class);
    assertThat(view.servers()).isEmpty();
  }

  @Test
  void initial_ar_info_cannot_be_managed_while_the_gateway_knows_no_other_server()
      throws Exception {
    knownServers.set(Set.of("acme-dm"));

    assertThatThrownBy(
            () ->
                server()
                    .addLeaf(
                        uri("./BootConfig/InitialARInfo/r1/SubtreeURI"),
                        NodeValue.text("./Vendor")))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_NOT_ALLOWED));
    assertThatThrownBy(() -> server().get(uri("./BootConfig/InitialARInfo")))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.NOT_FOUND));
  }

  @Test
  void on_a_gateway_without_any_server_not_even_the_device_manages_initial_ar_info() {
    assertThatThrownBy(
            () ->
                tree.operations(Principal.device())
                    .addLeaf(
                        uri("./BootConfig/InitialARInfo/r1/AccessCode"),
                        NodeValue.of("49", NodeFormat.INT)))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_NOT_ALLOWED));
  }

  @Test
  void once_bootstrapped_to_another_server_a_server_manages_initial_ar_info() throws Exception {
    knownServers.set(Set.of("acme-dm", "operator-dm"));

    server().addLeaf(uri("./BootConfig/InitialARInfo/r1/SubtreeURI"), NodeValue.text("./Vendor"));
    server()
        .addLeaf(
            uri("./BootConfig/InitialARInfo/r1/AccessCode"), NodeValue.of("49", NodeFormat.INT));

    assertThat(
            server()
                .get(uri("./BootConfig/InitialARInfo/r1/AccessCode"))
                .value()
                .orElseThrow()
                .text())
        .isEqualTo("49");
  }
}
