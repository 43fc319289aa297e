package io.dmagent.server;

import static io.dmagent.server.Device.commandsOf;
import static io.dmagent.server.Device.results;
import static io.dmagent.server.Device.statusesFor;
import static io.dmagent.server.Device.statusesOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.testing.MutableClock;
import io.dmagent.server.script.Script;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference server's side of the package flow, driven over loopback HTTP by a scripted device
 * in XML and WBXML. Digest protocol-wire.md 1.5 and 1.6.
 */
class DmServerTest {
  private final List<String> log = new CopyOnWriteArrayList<>();
  private DmServer server;

  private DmServer start(String script) throws Exception {
    return start(Script.parse("test", script), Clock.systemUTC());
  }

  private DmServer start(Script script, Clock clock) throws Exception {
    server =
        DmServer.builder(Device.CODEC)
            .serverId("ref-server")
            .defaultScript(script)
            .clock(clock)
            .sessionTimeout(Duration.ofMinutes(1))
            .log(ServerLog.of(m -> log.add("INFO " + m), m -> log.add("WARN " + m)))
            .start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Device device(Encoding encoding) {
    return new Device("IMEI:490154203237518", encoding, server.uri(), "1A");
  }

  private SessionRecord lastSession(String devId) {
    return server.device(devId).orElseThrow().lastSession().orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void package_two_answers_header_alert_and_devinfo_then_sends_the_script_with_final(
      Encoding encoding) throws Exception {
    start("get ./DevInfo/Man\nreplace ./Vendor/X/Note chr hello");
    Device device = device(encoding);

    SyncMessage two = device.packageOne();

    assertThat(two.header().sessionId()).isEqualTo("1A");
    assertThat(two.header().msgId()).isEqualTo("1");
    assertThat(two.header().target().locUri()).isEqualTo("IMEI:490154203237518");
    assertThat(two.header().source().locUri()).isEqualTo("ref-server");
    assertThat(two.header().respUri())
        .hasValueSatisfying(
            u -> assertThat(u).startsWith(server.uri() + "/s/").hasSizeGreaterThan(40));
    assertThat(two.header().meta().orElseThrow().maxMsgSize()).isPresent();
    assertThat(two.isFinal()).isTrue();
    List<Status> statuses = statusesOf(two);
    assertThat(statuses)
        .extracting(Status::cmdRef, Status::cmd, Status::code, Status::msgRef)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("0", "SyncHdr", 200, "1"),
            org.assertj.core.groups.Tuple.tuple("1", "Alert", 200, "1"),
            org.assertj.core.groups.Tuple.tuple("2", "Replace", 200, "1"));
    assertThat(statuses.get(0).targetRefs()).containsExactly(server.uri().toString());
    assertThat(statuses.get(0).sourceRefs()).containsExactly("IMEI:490154203237518");
    assertThat(two.commands().get(0)).isInstanceOf(Status.class);
    assertThat(commandsOf(two)).extracting(Command::element).containsExactly("Get", "Replace");
    assertThat(device.lastResponse.headers().firstValue("content-type"))
        .contains(
            encoding == Encoding.WBXML
                ? "application/vnd.syncml.dm+wbxml"
                : "application/vnd.syncml.dm+xml");
    DeviceRecord record = server.device("IMEI:490154203237518").orElseThrow();
    assertThat(record.devInfo())
        .containsEntry("./DevInfo/Man", "ACME")
        .containsEntry("./DevInfo/Mod", "GW-100");
    assertThat(record.lastSession().orElseThrow().state()).isEqualTo(SessionState.ACTIVE);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void statuses_and_results_are_recorded_and_a_final_only_package_ends_the_session(
      Encoding encoding) throws Exception {
    start("get ./DevInfo/Man\nreplace ./Vendor/X/Note chr hello");
    Device device = device(encoding);
    SyncMessage two = device.packageOne();
    Command get = commandsOf(two).get(0);
    Command replace = commandsOf(two).get(1);

    List<Command> three = new ArrayList<>();
    three.add(Status.of("1", "1", "0", "SyncHdr", 200));
    three.add(Status.of("2", "1", get.cmdId(), "Get", 200));
    three.add(results("3", "1", get.cmdId(), Device.leaf("./DevInfo/Man", "ACME Industrial")));
    three.add(Status.of("4", "1", replace.cmdId(), "Replace", 425));
    SyncMessage four = device.send(three, true);

    assertThat(four.isFinal()).isTrue();
    assertThat(commandsOf(four)).isEmpty();
    assertThat(statusesOf(four)).extracting(Status::cmdRef).containsExactly("0");
    SessionRecord s = lastSession(device.devId);
    assertThat(s.state()).isEqualTo(SessionState.COMPLETED);
    assertThat(s.serverPackages()).isEqualTo(2);
    assertThat(s.command("Get", "./DevInfo/Man").orElseThrow().status()).hasValue(200);
    assertThat(s.command("Replace", "./Vendor/X/Note").orElseThrow().status()).hasValue(425);
    assertThat(s.result("./DevInfo/Man").orElseThrow().data()).isEqualTo("ACME Industrial");
    assertThat(server.device(device.devId).orElseThrow().results()).containsKey("./DevInfo/Man");
    assertThat(log)
        .anyMatch(l -> l.contains("session '1A' with 'IMEI:490154203237518' ended: completed"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_empty_script_ends_the_session_at_package_two(Encoding encoding) throws Exception {
    start("# nothing to do");
    Device device = device(encoding);

    SyncMessage two = device.packageOne();

    assertThat(commandsOf(two)).isEmpty();
    assertThat(two.isFinal()).isTrue();
    assertThat(lastSession(device.devId).state()).isEqualTo(SessionState.COMPLETED);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void each_script_package_goes_out_after_the_device_answered_the_one_before(Encoding encoding)
      throws Exception {
    start("get ./A\npackage\nget ./B\nget ./C");
    Device device = device(encoding);

    SyncMessage two = device.packageOne();
    assertThat(commandsOf(two)).hasSize(1);
    SyncMessage four = device.send(statusesFor(two, 200), true);
    assertThat(commandsOf(four))
        .extracting(c -> ((ItemCommand) c).items().get(0).targetUri().orElseThrow())
        .containsExactly("./B", "./C");
    SyncMessage six = device.send(statusesFor(four, 200), true);

    assertThat(commandsOf(six)).isEmpty();
    SessionRecord s = lastSession(device.devId);
    assertThat(s.state()).isEqualTo(SessionState.COMPLETED);
    assertThat(s.serverPackages()).isEqualTo(3);
    assertThat(s.commands()).allSatisfy(c -> assertThat(c.status()).hasValue(200));
    // CmdIDs are unique over the session, so a Status finds its command without MsgRef.
    assertThat(s.commands()).extracting(CommandRecord::cmdId).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_device_package_in_several_messages_is_answered_with_alert_1222(Encoding encoding)
      throws Exception {
    start("get ./A\nget ./B");
    Device device = device(encoding);
    SyncMessage two = device.packageOne();
    List<Command> commands = commandsOf(two);

    SyncMessage reply =
        device.send(
            List.of(
                Status.of("1", "1", "0", "SyncHdr", 200),
                Status.of("2", "1", commands.get(0).cmdId(), "Get", 200),
                results("3", "1", commands.get(0).cmdId(), Device.leaf("./A", "a"))),
            false);

    assertThat(commandsOf(reply))
        .singleElement()
        .satisfies(c -> assertThat(((Alert) c).code()).isEqualTo(Alert.NEXT_MESSAGE));
    SyncMessage last =
        device.send(
            List.of(
                Status.of("1", "2", "0", "SyncHdr", 200),
                Status.of("2", "1", commands.get(1).cmdId(), "Get", 200),
                results("3", "1", commands.get(1).cmdId(), Device.leaf("./B", "b"))),
            true);
    assertThat(commandsOf(last)).isEmpty();
    assertThat(lastSession(device.devId).result("./B").orElseThrow().data()).isEqualTo("b");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_package_larger_than_the_devices_max_msg_size_goes_in_several_messages(Encoding encoding)
      throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      script.append("replace ./Vendor/X/Leaf").append(i).append(" chr value number ").append(i);
      script.append('\n');
    }
    start(script.toString());
    Device device = device(encoding).maxMsgSize(1200);

    List<SyncMessage> messages = new ArrayList<>();
    SyncMessage m = device.packageOne();
    messages.add(m);
    while (!m.isFinal()) {
      List<Command> answer = new ArrayList<>(statusesFor(m, 200));
      answer.add(Alert.of(Integer.toString(answer.size() + 1), Alert.NEXT_MESSAGE));
      m = device.send(answer, false);
      messages.add(m);
    }

    assertThat(messages).hasSizeGreaterThan(2);
    assertThat(messages)
        .allSatisfy(
            msg -> assertThat(Device.CODEC.encode(msg, encoding).length).isLessThanOrEqualTo(1200));
    assertThat(messages.stream().mapToLong(msg -> commandsOf(msg).size()).sum()).isEqualTo(40);
    SyncMessage end = device.send(statusesFor(m, 200), true);
    assertThat(commandsOf(end)).isEmpty();
    SessionRecord s = lastSession(device.devId);
    assertThat(s.commands()).hasSize(40).allSatisfy(c -> assertThat(c.status()).hasValue(200));
    assertThat(s.serverPackages()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_value_larger_than_a_message_is_sent_as_a_large_object(Encoding encoding) throws Exception {
    String big = "0123456789abcdef".repeat(400); // 6400 bytes
    start("replace ./Vendor/X/Blob chr " + big + "\nget ./Vendor/X/Blob");
    Device device = device(encoding).maxMsgSize(1500);

    StringBuilder received = new StringBuilder();
    List<Item> chunks = new ArrayList<>();
    SyncMessage m = device.packageOne();
    while (true) {
      List<Command> answer = new ArrayList<>();
      answer.add(Status.of("1", m.header().msgId(), "0", "SyncHdr", 200));
      boolean more = false;
      for (Command c : commandsOf(m)) {
        if (c instanceof ItemCommand ic && ic.name() == CommandName.REPLACE) {
          Item item = ic.items().get(0);
          chunks.add(item);
          received.append(item.data().map(ItemData::text).orElse(""));
          more = item.moreData();
          answer.add(Status.of("2", m.header().msgId(), c.cmdId(), "Replace", more ? 213 : 200));
        }
      }
      assertThat(Device.CODEC.encode(m, encoding).length).isLessThanOrEqualTo(1500);
      if (!more) {
        for (Command c : commandsOf(m)) {
          if (c.element().equals("Get")) {
            answer.add(Status.of("3", m.header().msgId(), c.cmdId(), "Get", 200));
          }
        }
        device.send(answer, true);
        break;
      }
      answer.add(Alert.of("3", Alert.NEXT_MESSAGE));
      m = device.send(answer, false);
    }

    assertThat(received.toString()).isEqualTo(big);
    assertThat(chunks).hasSizeGreaterThan(4);
    assertThat(chunks.get(0).meta().orElseThrow().size()).hasValue(6400);
    assertThat(chunks.subList(1, chunks.size()))
        .allSatisfy(i -> assertThat(i.meta().orElseThrow().size()).isEmpty());
    assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(Item::moreData);
    assertThat(chunks.get(chunks.size() - 1).moreData()).isFalse();
    // The Get after the large object came with its last chunk.
    assertThat(commandsOf(m)).extracting(Command::element).containsExactly("Replace", "Get");
    SessionRecord s = lastSession(device.devId);
    assertThat(s.commands("Replace"))
        .singleElement()
        .satisfies(c -> assertThat(c.statuses()).containsExactly(200));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void results_in_chunks_are_joined_answered_213_and_checked_against_their_size(Encoding encoding)
      throws Exception {
    start("get ./Vendor/X/Log\nget ./Vendor/X/Other");
    Device device = device(encoding);
    List<Command> gets = commandsOf(device.packageOne());
    String getLog = gets.get(0).cmdId();
    String getOther = gets.get(1).cmdId();
    Meta logSize = Meta.of("chr", "text/plain").withSize(8);
    Meta wrongSize = Meta.of("chr", "text/plain").withSize(9);

    SyncMessage first =
        device.send(
            List.of(
                Status.of("1", "1", "0", "SyncHdr", 200),
                Status.of("2", "1", getLog, "Get", 200),
                results(
                    "3",
                    "1",
                    getLog,
                    Item.source("./Vendor/X/Log", logSize, ItemData.text("line "))
                        .withMoreData(true))),
            false);
    assertThat(statusesOf(first))
        .extracting(Status::cmd, Status::code)
        .contains(org.assertj.core.groups.Tuple.tuple("Results", 213));
    assertThat(commandsOf(first)).singleElement().isInstanceOf(Alert.class);

    SyncMessage second =
        device.send(
            List.of(
                Status.of("1", "2", "0", "SyncHdr", 200),
                results("2", "1", getLog, Device.leaf("./Vendor/X/Log", "one")),
                Status.of("3", "1", getOther, "Get", 200),
                results(
                    "4",
                    "1",
                    getOther,
                    Item.source("./Vendor/X/Other", wrongSize, ItemData.text("1234"))
                        .withMoreData(true))),
            false);
    SyncMessage third =
        device.send(
            List.of(
                Status.of("1", "3", "0", "SyncHdr", 200),
                results("2", "1", getOther, Device.leaf("./Vendor/X/Other", "5"))),
            true);

    assertThat(statusesOf(second)).extracting(Status::code).doesNotContain(424);
    assertThat(statusesOf(third))
        .extracting(Status::cmd, Status::code)
        .contains(org.assertj.core.groups.Tuple.tuple("Results", 424));
    SessionRecord s = lastSession(device.devId);
    assertThat(s.result("./Vendor/X/Log").orElseThrow().data()).isEqualTo("line one");
    assertThat(s.result("./Vendor/X/Other").orElseThrow().data()).isEqualTo("12345");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void abort_in_a_script_sends_alert_1223_with_final_and_ends_the_session(Encoding encoding)
      throws Exception {
    start("get ./A\npackage\nabort maintenance window closed\nget ./never");
    Device device = device(encoding);
    SyncMessage two = device.packageOne();

    SyncMessage four = device.send(statusesFor(two, 200), true);

    assertThat(four.isFinal()).isTrue();
    assertThat(commandsOf(four))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(((Alert) c).code()).isEqualTo(Alert.SESSION_ABORT);
              assertThat(((Alert) c).items().get(0).data())
                  .contains(ItemData.text("maintenance window closed"));
            });
    assertThat(lastSession(device.devId).state()).isEqualTo(SessionState.ABORTED_BY_SERVER);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_device_that_aborts_ends_the_session(Encoding encoding) throws Exception {
    start("get ./A");
    Device device = device(encoding);
    device.packageOne();

    SyncMessage reply = device.send(List.of(Alert.of("1", Alert.SESSION_ABORT)), true);

    assertThat(commandsOf(reply)).isEmpty();
    assertThat(lastSession(device.devId).state()).isEqualTo(SessionState.ABORTED_BY_CLIENT);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void generic_alerts_are_recorded_with_their_meta_and_answered_200(Encoding encoding)
      throws Exception {
    start("get ./A");
    Device device = device(encoding);
    Item item =
        new Item(
            Optional.empty(),
            Optional.of(Locator.of("./FUMO/Pkg1")),
            Optional.of(
                Meta.of("int", "org.openmobilealliance.dm.firmwareupdate.download")
                    .withMark("critical")),
            Optional.of(ItemData.text("200")),
            false);
    Alert generic =
        new Alert("3", false, Alert.GENERIC_ALERT, Optional.of("corr-7"), List.of(item));

    SyncMessage two = device.packageOne(generic);

    assertThat(statusesOf(two))
        .filteredOn(st -> st.cmdRef().equals("3"))
        .singleElement()
        .satisfies(st -> assertThat(st.code()).isEqualTo(200));
    ReceivedAlert alert = lastSession(device.devId).alerts().get(0);
    assertThat(alert.code()).isEqualTo(1226);
    assertThat(alert.correlator()).contains("corr-7");
    assertThat(alert.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.source()).contains("./FUMO/Pkg1");
              assertThat(i.type()).contains("org.openmobilealliance.dm.firmwareupdate.download");
              assertThat(i.format()).contains("int");
              assertThat(i.mark()).contains("critical");
              assertThat(i.data()).isEqualTo("200");
            });
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void alerts_a_device_sends_after_the_servers_last_package_are_still_answered(Encoding encoding)
      throws Exception {
    start("# nothing");
    Device device = device(encoding);
    SyncMessage two = device.packageOne();
    assertThat(lastSession(device.devId).state()).isEqualTo(SessionState.COMPLETED);

    SyncMessage reply =
        device.send(
            List.of(
                Status.of("1", "1", "0", "SyncHdr", 200),
                new Alert(
                    "2",
                    false,
                    Alert.GENERIC_ALERT,
                    Optional.empty(),
                    List.of(
                        new Item(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(Meta.of("chr", "com.example.boot")),
                            Optional.of(ItemData.text("rebooted")),
                            false)))),
            true);

    assertThat(statusesOf(reply))
        .extracting(Status::cmdRef, Status::code)
        .contains(org.assertj.core.groups.Tuple.tuple("2", 200));
    assertThat(commandsOf(reply)).isEmpty();
    assertThat(lastSession(device.devId).alerts()).hasSize(1);
    assertThat(two.header().respUri()).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void commands_a_client_may_not_originate_get_406(Encoding encoding) throws Exception {
    start("get ./A");
    Device device = device(encoding);

    SyncMessage two =
        device.packageOne(ItemCommand.of(CommandName.GET, "3", Item.target("./Server/Secret")));

    assertThat(statusesOf(two))
        .filteredOn(st -> st.cmdRef().equals("3"))
        .extracting(Status::code)
        .containsExactly(406);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_unknown_protocol_version_is_refused_with_513_and_no_commands(Encoding encoding)
      throws Exception {
    start("get ./A");
    Device device = device(encoding);
    SyncMessage one = device.message(List.of(Alert.of("1", Alert.CLIENT_INITIATED_MGMT)), true);
    SyncMessage dm11 =
        new SyncMessage(
            new io.dmagent.api.message.SyncHeader(
                one.header().verDtd(),
                "DM/1.1",
                one.header().sessionId(),
                one.header().msgId(),
                one.header().target(),
                one.header().source(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            one.commands(),
            true);

    SyncMessage reply = device.post(Device.CODEC.encode(dm11, encoding));

    assertThat(statusesOf(reply))
        .singleElement()
        .satisfies(st -> assertThat(st.code()).isEqualTo(513));
    assertThat(commandsOf(reply)).isEmpty();
    assertThat(server.device(device.devId)).as("nothing kept of a refused session").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void data_sync_media_types_are_accepted_and_answered_in_kind(Encoding encoding) throws Exception {
    start("get ./A");
    Device device = device(encoding).dataSyncMediaType();

    device.packageOne();

    assertThat(device.lastResponse.headers().firstValue("content-type"))
        .contains(
            encoding == Encoding.WBXML
                ? "application/vnd.syncml+wbxml"
                : "application/vnd.syncml+xml");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_device_that_ignores_resp_uri_continues_its_session_at_the_base_address(Encoding encoding)
      throws Exception {
    start("get ./A");
    Device device = device(encoding);
    SyncMessage two = device.packageOne();
    Device stubborn = new Device(device.devId, encoding, server.uri(), "1A");
    stubborn.message(List.of(), true); // MsgID 1 was package 1

    SyncMessage four = stubborn.send(statusesFor(two, 200), true);

    assertThat(commandsOf(four)).isEmpty();
    assertThat(lastSession(device.devId).state()).isEqualTo(SessionState.COMPLETED);
    assertThat(lastSession(device.devId).commands().get(0).status()).hasValue(200);
  }

  @Test
  void a_malformed_message_gets_400_and_one_log_line_and_the_server_goes_on() throws Exception {
    start("get ./A");
    Device device = device(Encoding.XML);

    var garbage =
        device.postRaw(
            server.uri(),
            "application/vnd.syncml.dm+xml",
            "<SyncML><SyncHdr><VerDTD>1.2".getBytes(StandardCharsets.UTF_8));
    var doctype =
        device.postRaw(
            server.uri(),
            "application/vnd.syncml.dm+xml",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><SyncML>&e;</SyncML>"
                .getBytes(StandardCharsets.UTF_8));
    var wbxmlJunk =
        device.postRaw(
            server.uri(), "application/vnd.syncml.dm+wbxml", new byte[] {2, 0, 0, 0x6a, 0x7f});

    assertThat(List.of(garbage, doctype, wbxmlJunk))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
    assertThat(log).filteredOn(l -> l.startsWith("WARN message from 127.0.0.1 refused")).hasSize(3);
    assertThat(device.packageOne().isFinal()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void mutated_messages_get_an_answer_or_a_clean_refusal_never_a_server_error(Encoding encoding)
      throws Exception {
    start("get ./A\nreplace ./B chr x");
    Device device = device(encoding);
    byte[] good =
        Device.CODEC.encode(
            device.message(
                List.of(
                    Alert.of("1", Alert.CLIENT_INITIATED_MGMT),
                    ItemCommand.of(
                        CommandName.REPLACE, "2", Device.leaf("./DevInfo/DevId", device.devId))),
                true),
            encoding);
    java.util.Random random = new java.util.Random(42);
    String type =
        encoding == Encoding.WBXML
            ? "application/vnd.syncml.dm+wbxml"
            : "application/vnd.syncml.dm+xml";
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      byte[] bad = good.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(5) == 0) {
        bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
      }
      codes.add(device.postRaw(server.uri(), type, bad).statusCode());
    }

    assertThat(codes).allSatisfy(c -> assertThat(c).isIn(200, 400, 404, 413));
    assertThat(codes).contains(400);
    assertThat(log).noneMatch(l -> l.contains("failed:"));
    assertThat(device.packageOne().isFinal()).isTrue();
  }

  @Test
  void other_media_types_methods_paths_and_sessions_are_refused() throws Exception {
    start("get ./A");
    Device device = device(Encoding.XML);
    byte[] one =
        Device.CODEC.encode(
            device.message(List.of(Alert.of("1", Alert.CLIENT_INITIATED_MGMT)), true),
            Encoding.XML);

    assertThat(device.postRaw(server.uri(), "text/xml", one).statusCode()).isEqualTo(415);
    assertThat(
            device
                .postRaw(
                    java.net.URI.create(server.uri() + "/s/not-a-session"),
                    "application/vnd.syncml.dm+xml",
                    one)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            device
                .postRaw(
                    java.net.URI.create(server.uri() + "x"), "application/vnd.syncml.dm+xml", one)
                .statusCode())
        .isEqualTo(404);
    var get =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(server.uri()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("allow")).contains("POST");
  }

  @Test
  void a_script_queued_for_a_device_runs_in_its_next_session_then_the_default_again()
      throws Exception {
    start("get ./Default");
    server.queue("IMEI:490154203237518", Script.parse("once", "get ./Once\nget ./Twice"));

    SyncMessage first = device(Encoding.XML).packageOne();
    Device again = new Device("IMEI:490154203237518", Encoding.XML, server.uri(), "1B");
    SyncMessage second = again.packageOne();

    assertThat(commandsOf(first)).hasSize(2);
    assertThat(commandsOf(second)).hasSize(1);
    assertThat(server.device("IMEI:490154203237518").orElseThrow().sessions())
        .extracting(SessionRecord::script)
        .containsExactly("once", "test");
  }

  @Test
  void a_device_that_falls_silent_has_its_session_expired() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    start(Script.parse("test", "get ./A"), clock);
    Device device = device(Encoding.XML);
    device.packageOne();

    clock.advance(Duration.ofMinutes(2));
    new Device("IMEI:other", Encoding.XML, server.uri(), "1").packageOne();

    assertThat(lastSession(device.devId).state()).isEqualTo(SessionState.EXPIRED);
    var late =
        device.postRaw(
            device.target(),
            "application/vnd.syncml.dm+xml",
            Device.CODEC.encode(device.message(List.of(), true), Encoding.XML));
    assertThat(late.statusCode()).isEqualTo(404);
  }
}
