package io.dmagent.itest.framework;

import static io.dmagent.api.tree.StatusCode.NOT_FOUND;
import static io.dmagent.api.tree.StatusCode.OK;
import static io.dmagent.api.tree.StatusCode.PERMISSION_DENIED;
import static io.dmagent.itest.framework.Account.anonymous;
import static io.dmagent.itest.framework.Account.presenting;
import static io.dmagent.itest.framework.DmAssertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole sessions between the agent's bundles and the reference server's bundle, all in one Felix,
 * configured as an operator configures them; in each encoding over each transport.
 */
class SessionTest {
  @RegisterExtension final InFramework dm = new InFramework();

  static Stream<Arguments> encodingsAndTransports() {
    return Stream.of(Encoding.values())
        .flatMap(e -> Stream.of(Transport.values()).map(t -> Arguments.of(e, t)));
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("encodingsAndTransports")
  void a_server_reads_the_configured_identity_of_the_device(Encoding encoding, Transport transport)
      throws Exception {
    TestServer server =
        dm.givenServer(transport).running("get ./DevInfo/DevId\nget ./DevInfo/Man\n").start();
    TestAgent agent = dm.givenAgent().with(anonymous()).using(encoding).connectedTo(server);

    SessionReport report = agent.session();

    assertThat(report).completed();
    ServerResults results = server.results(agent.devId());
    assertThat(results.of("Get", "./DevInfo/DevId")).is(OK).returned(agent.devId());
    assertThat(results.of("Get", "./DevInfo/Man")).is(OK).returned("ACME");
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("encodingsAndTransports")
  void a_node_that_is_not_there_is_answered_404_and_the_session_goes_on(
      Encoding encoding, Transport transport) throws Exception {
    TestServer server =
        dm.givenServer(transport)
            .running("get ./DevInfo/NoSuchNode\nget ./DevInfo/DevId\n")
            .start();
    TestAgent agent = dm.givenAgent().using(encoding).connectedTo(server);

    assertThat(agent.session()).completed();

    ServerResults results = server.results(agent.devId());
    assertThat(results.of("Get", "./DevInfo/NoSuchNode")).is(NOT_FOUND);
    assertThat(results.of("Get", "./DevInfo/DevId")).is(OK);
    assertThat(agent.getAs(server.serverId(), "./DevInfo/NoSuchNode")).is(NOT_FOUND);
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("encodingsAndTransports")
  void a_server_cannot_rewrite_what_the_device_reports_about_itself(
      Encoding encoding, Transport transport) throws Exception {
    TestServer server =
        dm.givenServer(transport).running("replace ./DevInfo/Man chr Evil Corp\n").start();
    TestAgent agent = dm.givenAgent().using(encoding).connectedTo(server);

    assertThat(agent.session()).completed();

    assertThat(server.results(agent.devId()).of("Replace", "./DevInfo/Man")).is(PERMISSION_DENIED);
    assertThat(agent.value("./DevInfo/Man")).contains("ACME");
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("encodingsAndTransports")
  void digest_credentials_both_ways_open_a_session(Encoding encoding, Transport transport)
      throws Exception {
    TestServer server =
        dm.givenServer(transport)
            .demanding("DIGEST", "gateway", "client-secret", "server-secret")
            .running("get ./DevInfo/DevId\n")
            .start();
    TestAgent good =
        dm.givenAgent()
            .with(
                presenting("DIGEST", "gateway", "client-secret")
                    .checkingServerWith("server-secret"))
            .using(encoding)
            .connectedTo(server);

    assertThat(good.session()).completed();
    assertThat(server.results(good.devId()).of("Get", "./DevInfo/DevId")).is(OK);
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("encodingsAndTransports")
  void a_device_with_the_wrong_secret_is_not_managed(Encoding encoding, Transport transport)
      throws Exception {
    TestServer server =
        dm.givenServer(transport)
            .demanding("DIGEST", "gateway", "client-secret", "")
            .running("replace ./DevInfo/Man chr Evil Corp\n")
            .start();
    TestAgent agent =
        dm.givenAgent()
            .with(presenting("DIGEST", "gateway", "not-the-secret"))
            .using(encoding)
            .connectedTo(server);

    SessionReport report = agent.session();

    assertThat(report.outcome()).isNotEqualTo(SessionOutcome.COMPLETED);
    assertThat(server.results(agent.devId()).command("Replace", "./DevInfo/Man")).isEmpty();
  }
}
