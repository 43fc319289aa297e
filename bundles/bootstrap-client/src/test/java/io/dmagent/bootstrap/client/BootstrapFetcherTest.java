package io.dmagent.bootstrap.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.bootstrap.client.BootstrapServerStub.Answer;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.PlainTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches from a real HTTPS server on the loopback, with the Bootstrap Config MO on a real tree.
 */
class BootstrapFetcherTest {
  private static final String DEV_ID = "urn:dev:mac:02fc00000001";
  private static final byte[] MESSAGE = "bootstrap-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CHANGED = "bootstrap-2".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<BootstrapMessage> applied = new CopyOnWriteArrayList<>();
  private Outcome bootstrapperSays = Outcome.APPLIED;
  private PlainTree tree;
  private BootConfigView view;
  private TestPki pki;
  private BootstrapServerStub server;

  private final Bootstrapper bootstrapper =
      new Bootstrapper() {
        @Override
        public BootstrapResult apply(BootstrapMessage message) {
          applied.add(message);
          return new BootstrapResult(
              bootstrapperSays,
              bootstrapperSays == Outcome.APPLIED ? List.of("acme-dm") : List.of(),
              "test");
        }

        @Override
        public BootstrapResult withdraw(BootstrapSource source, String origin) {
          return new BootstrapResult(Outcome.UNCHANGED, List.of(), "test");
        }
      };

  @BeforeEach
  void setUp() throws Exception {
    tree = PlainTree.inMemory().codec(new DdfTndsCodec()).log(log::add).open();
    tree.graft(new BootConfigObject(Set::of));
    view = new BootConfigView(tree, true, log::add);
    view.ensureDefaults();
    pki = TestPki.create("bootstrap CA");
    server = BootstrapServerStub.https(pki.server());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    tree.close();
  }

  private FetchSettings settings(Path trustStore, boolean allowPlainHttp, int maxBytes) {
    return new FetchSettings(
        Optional.of(
            new FetchSettings.KeyStoreFile(trustStore, "PKCS12", TestPki.PASSWORD.toCharArray())),
        Optional.empty(),
        allowPlainHttp,
        maxBytes,
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(20));
  }

  private BootstrapFetcher fetcher(FetchSettings settings) throws Exception {
    return new BootstrapFetcher(
        bootstrapper,
        settings,
        view,
        () -> Optional.of(DEV_ID),
        new FetchMemory(dir.resolve("memory/fetched.properties")),
        log::add,
        log::add);
  }

  private BootstrapFetcher fetcher() throws Exception {
    return fetcher(settings(pki.trustStore(dir.resolve("trust.p12"), "ca"), false, 65536));
  }

  private BootstrapResult fetch(BootstrapFetcher f) {
    return f.fetch(server.url("https"), BootstrapSource.BOOTSTRAP_SERVER);
  }

  @Test
  void a_message_from_a_server_tls_verified_is_applied_as_authenticated_by_the_channel()
      throws Exception {
    server.answer(Answer.message(MESSAGE, Optional.empty()));

    BootstrapResult r = fetch(fetcher());

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(applied).hasSize(1);
    BootstrapMessage m = applied.get(0);
    assertThat(m.body()).isEqualTo(MESSAGE);
    assertThat(m.source()).isEqualTo(BootstrapSource.BOOTSTRAP_SERVER);
    assertThat(m.contentType()).isEqualTo("application/vnd.syncml.dm+wbxml");
    assertThat(m.channelAuthenticated()).isTrue();
    assertThat(m.origin()).isEqualTo(server.url("https").toString());
    assertThat(server.requests.get(0).uri().getRawQuery())
        .isEqualTo("DevId=urn%3Adev%3Amac%3A02fc00000001");
    assertThat(log).anyMatch(l -> l.contains("APPLIED [acme-dm]"));
  }

  @Test
  void a_404_means_the_server_has_nothing_for_this_gateway() throws Exception {
    server.answer(Answer.of(404));

    BootstrapResult r = fetch(fetcher());

    assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(applied).isEmpty();
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void an_unchanged_message_is_not_applied_again_the_server_answering_304_to_its_etag()
      throws Exception {
    server.answer(Answer.message(MESSAGE, Optional.of("\"v1\"")));
    BootstrapFetcher f = fetcher();

    fetch(f);
    BootstrapResult again = fetch(f);

    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(applied).hasSize(1);
    assertThat(server.requests.get(1).ifNoneMatch()).contains("\"v1\"");
  }

  @Test
  void an_unchanged_message_without_etag_is_not_applied_again_even_after_a_restart()
      throws Exception {
    server.answer(Answer.message(MESSAGE, Optional.empty()));
    fetch(fetcher());

    BootstrapResult afterRestart = fetch(fetcher());

    assertThat(afterRestart.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(afterRestart.reason()).contains("same message");
    assertThat(applied).hasSize(1);
  }

  @Test
  void a_changed_message_is_applied() throws Exception {
    server.answer(
        Answer.message(MESSAGE, Optional.of("\"v1\"")),
        Answer.message(CHANGED, Optional.of("\"v2\"")));
    BootstrapFetcher f = fetcher();

    fetch(f);
    BootstrapResult second = fetch(f);

    assertThat(second.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(applied)
        .extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
        .containsExactly("bootstrap-1", "bootstrap-2");
  }

  @Test
  void a_message_the_bootstrapper_refused_is_not_remembered_and_is_tried_again() throws Exception {
    server.answer(Answer.message(MESSAGE, Optional.of("\"v1\"")));
    BootstrapFetcher f = fetcher();
    bootstrapperSays = Outcome.INVALID;
    fetch(f);

    bootstrapperSays = Outcome.APPLIED;
    BootstrapResult r = fetch(f);

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(server.requests.get(1).ifNoneMatch()).isEmpty();
    assertThat(applied).hasSize(2);
  }

  @Test
  void a_server_whose_certificate_is_not_trusted_gets_nothing_applied() throws Exception {
    server.answer(Answer.message(MESSAGE, Optional.empty()));
    Path otherCa = TestPki.create("another CA").trustStore(dir.resolve("other.p12"), "ca");

    BootstrapResult r = fetch(fetcher(settings(otherCa, false, 65536)));

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_AUTHENTIC);
    assertThat(applied).isEmpty();
    assertThat(server.requests).isEmpty();
  }

  @Test
  void the_trust_anchor_an_entry_names_must_be_in_the_trust_store() throws Exception {
    server.answer(Answer.message(MESSAGE, Optional.empty()));
    NodeUri entry = NodeUri.of("./BootConfig/BootSrvInfo/s1");
    tree.operations(Principal.server("acme-dm"))
        .addLeaf(entry.resolve("URL"), NodeValue.text(server.url("https").toString()));
    tree.operations(Principal.server("acme-dm"))
        .addLeaf(entry.resolve("Ext/TrustAnchor"), NodeValue.text("operator-ca"));

    BootstrapResult wrongAlias = fetch(fetcher());
    BootstrapResult rightAlias =
        fetch(fetcher(settings(pki.trustStore(dir.resolve("op.p12"), "operator-ca"), false, 99)));

    assertThat(wrongAlias.outcome()).isEqualTo(Outcome.NOT_AUTHENTIC);
    assertThat(wrongAlias.reason()).contains("operator-ca");
    assertThat(rightAlias.outcome()).isEqualTo(Outcome.APPLIED);
  }

  @Test
  void plain_http_is_refused_unless_allowed_and_then_not_authenticated_by_the_channel()
      throws Exception {
    try (BootstrapServerStub plain = BootstrapServerStub.http()) {
      plain.answer(Answer.message(MESSAGE, Optional.empty()));
      Path trust = pki.trustStore(dir.resolve("trust.p12"), "ca");

      BootstrapResult refused =
          fetcher(settings(trust, false, 65536))
              .fetch(plain.url("http"), BootstrapSource.BOOTSTRAP_SERVER);
      BootstrapResult allowed =
          fetcher(settings(trust, true, 65536))
              .fetch(plain.url("http"), BootstrapSource.BOOTSTRAP_SERVER);

      assertThat(refused.outcome()).isEqualTo(Outcome.NOT_ALLOWED);
      assertThat(allowed.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(plain.requests).hasSize(1);
      assertThat(applied)
          .singleElement()
          .satisfies(m -> assertThat(m.channelAuthenticated()).isFalse());
    }
  }

  @Test
  void a_failing_server_is_tried_again_with_back_off() throws Exception {
    server.answer(Answer.of(503), Answer.of(500), Answer.message(MESSAGE, Optional.empty()));

    BootstrapResult r = fetch(fetcher());

    assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(server.requests).hasSize(3);
  }

  @Test
  void a_server_that_keeps_failing_is_given_up_after_the_configured_tries() throws Exception {
    server.answer(Answer.of(503));

    BootstrapResult r = fetch(fetcher());

    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.reason()).contains("503");
    assertThat(server.requests).hasSize(3);
    assertThat(applied).isEmpty();
  }

  @Test
  void a_message_larger_than_the_bound_is_refused() throws Exception {
    server.answer(Answer.message(new byte[2048], Optional.empty()));

    BootstrapResult r =
        fetch(fetcher(settings(pki.trustStore(dir.resolve("trust.p12"), "ca"), false, 1024)));

    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.reason()).contains("larger than 1024 bytes");
    assertThat(applied).isEmpty();
  }

  @Test
  void while_bootsrvdiscovery_is_0_nothing_is_fetched() throws Exception {
    server.answer(Answer.message(MESSAGE, Optional.empty()));
    tree.operations(Principal.server("acme-dm"))
        .replace(NodeUri.of("./BootConfig/BootSrvDiscovery"), NodeValue.of("0", NodeFormat.INT));

    BootstrapResult r = fetch(fetcher());

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_ALLOWED);
    assertThat(server.requests).isEmpty();
    assertThat(log).filteredOn(l -> l.contains("BootSrvDiscovery is 0")).hasSize(1);
  }
}
