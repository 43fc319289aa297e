package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.alerts;
import static io.dmagent.protocol.Fixture.get;
import static io.dmagent.protocol.Fixture.results;
import static io.dmagent.protocol.Fixture.sent;
import static io.dmagent.protocol.Fixture.statusFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.codec.message.SyncMlCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Large objects in both directions and packages over several messages (digest 6). */
class LargeObjectTest {
  @TempDir Path dir;
  Fixture f;
  ClientSession session;
  Fixture.Server server;
  SyncMessage pkg1;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture(dir);
    f.device().addLeaf(NodeUri.of("./Vendor/Blob"), NodeValue.text("old"));
  }

  private void open() throws Exception {
    session = f.session();
    pkg1 = session.begin();
    server = new Fixture.Server(session.sessionId());
  }

  /**
   * The server's answer while our package goes on: the Status for our header, {@code statuses} (213
   * for a chunk), and Alert 1222 for our next message.
   */
  private SyncMessage askNext(SyncMessage ours, Status... statuses) {
    List<io.dmagent.api.message.Command> body = new java.util.ArrayList<>();
    body.add(Status.of("1", ours.header().msgId(), "0", Status.SYNC_HDR, 200));
    body.addAll(List.of(statuses));
    body.add(Fixture.alert("2", Alert.NEXT_MESSAGE));
    return sent(
        session.onMessage(
            server.message(false, body.toArray(io.dmagent.api.message.Command[]::new))));
  }

  private static ItemCommand chunk(String id, String data, boolean more, Long size) {
    Meta meta = Meta.of("chr", "text/plain");
    if (size != null) {
      meta = meta.withSize(size);
    }
    return ItemCommand.of(
        CommandName.REPLACE,
        id,
        new Item(
            Optional.of(Locator.of("./Vendor/Blob")),
            Optional.empty(),
            Optional.of(meta),
            Optional.of(ItemData.text(data)),
            more));
  }

  @Test
  void chunks_are_acknowledged_213_with_1222_and_the_object_is_written_whole_at_the_end()
      throws Exception {
    open();
    SyncMessage r1 =
        sent(session.onMessage(server.reply(pkg1, false, chunk("4", "Hello, ", true, 14L))));
    assertThat(statusFor(r1, "4").code()).isEqualTo(213);
    assertThat(alerts(r1)).extracting(Alert::code).containsExactly(1222);
    assertThat(f.value("./Vendor/Blob"))
        .as("nothing written before the last chunk")
        .isEqualTo("old");

    SyncMessage r2 =
        sent(session.onMessage(server.message(false, chunk("1", "large ", true, null))));
    assertThat(statusFor(r2, "1").code()).isEqualTo(213);

    SyncMessage r3 = sent(session.onMessage(server.message(true, chunk("1", "O", false, null))));
    assertThat(statusFor(r3, "1").code()).isEqualTo(200);
    assertThat(r3.isFinal()).isTrue();
    assertThat(f.value("./Vendor/Blob")).isEqualTo("Hello, large O");
  }

  @Test
  void a_size_that_does_not_match_answers_424_and_writes_nothing() throws Exception {
    open();
    sent(session.onMessage(server.reply(pkg1, false, chunk("4", "12345", true, 20L))));
    SyncMessage r2 = sent(session.onMessage(server.message(true, chunk("1", "678", false, null))));

    assertThat(statusFor(r2, "1").code()).isEqualTo(424);
    assertThat(f.value("./Vendor/Blob")).isEqualTo("old");
  }

  @Test
  void another_command_before_the_last_chunk_drops_the_object_with_alert_1225() throws Exception {
    open();
    sent(session.onMessage(server.reply(pkg1, false, chunk("4", "12345", true, 10L))));
    SyncMessage r2 = sent(session.onMessage(server.message(true, get("1", "./Vendor/Blob"))));

    Alert noEnd = alerts(r2).stream().filter(a -> a.code() == 1225).findFirst().orElseThrow();
    assertThat(noEnd.items().get(0).targetUri()).contains("./Vendor/Blob");
    assertThat(statusFor(r2, "1").code()).isEqualTo(200);
    assertThat(results(r2).get(0).items().get(0).data().orElseThrow().text()).isEqualTo("old");
  }

  @Test
  void an_object_over_our_max_obj_size_is_refused_with_413() throws Exception {
    f.settings(
        SessionSettings.defaults()
            .withEncoding(f.engine().settings().encoding())
            .withMaxObjSize(20_000));
    open();
    SyncMessage r1 =
        sent(session.onMessage(server.reply(pkg1, false, chunk("4", "x", true, 50_000L))));

    assertThat(statusFor(r1, "4").code()).isEqualTo(413);
  }

  @Test
  void a_first_chunk_without_size_is_incomplete_412() throws Exception {
    open();
    SyncMessage r1 =
        sent(session.onMessage(server.reply(pkg1, false, chunk("4", "x", true, null))));

    assertThat(statusFor(r1, "4").code()).isEqualTo(412);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_value_larger_than_the_servers_messages_goes_back_in_chunks(Encoding e) throws Exception {
    f.encoding(e);
    String big = "0123456789abcdef".repeat(400);
    f.device().replace(NodeUri.of("./Vendor/Blob"), NodeValue.text(big));
    open();
    server.maxMsgSize(2000);

    SyncMessage m = sent(session.onMessage(server.reply(pkg1, true, get("4", "./Vendor/Blob"))));
    StringBuilder got = new StringBuilder();
    int messages = 0;
    Long declared = null;
    while (true) {
      messages++;
      assertThat(new SyncMlCodec().encode(m, e)).hasSizeLessThanOrEqualTo(2000);
      Results r = results(m).get(0);
      Item item = r.items().get(0);
      assertThat(r.cmdRef()).isEqualTo("4");
      if (declared == null) {
        declared = item.meta().orElseThrow().size().orElseThrow();
      } else {
        assertThat(
                item.meta().flatMap(x -> x.size().isPresent() ? Optional.of(x) : Optional.empty()))
            .as("Size on the first chunk only")
            .isEmpty();
      }
      got.append(item.data().orElseThrow().text());
      if (!item.moreData()) {
        assertThat(m.isFinal()).isTrue();
        break;
      }
      assertThat(m.isFinal()).isFalse();
      // The server acknowledges the chunk and asks for the next message.
      Results sentChunk = r;
      m = askNext(m, Status.of("3", m.header().msgId(), sentChunk.cmdId(), "Results", 213));
    }
    assertThat(messages).isGreaterThan(2);
    assertThat(declared).isEqualTo((long) big.length());
    assertThat(got.toString()).isEqualTo(big);
  }

  @Test
  void a_value_over_the_servers_max_obj_size_answers_413() throws Exception {
    f.device().replace(NodeUri.of("./Vendor/Blob"), NodeValue.text("x".repeat(5000)));
    open();
    server.maxObjSize(1000);

    SyncMessage reply =
        sent(session.onMessage(server.reply(pkg1, true, get("4", "./Vendor/Blob"))));

    assertThat(statusFor(reply, "4").code()).isEqualTo(413);
    assertThat(results(reply)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_reply_too_big_for_one_message_is_split_and_only_the_last_carries_final(Encoding e)
      throws Exception {
    f.encoding(e);
    open();
    server.maxMsgSize(2500);
    ItemCommand[] gets = new ItemCommand[40];
    for (int i = 0; i < gets.length; i++) {
      gets[i] = get(Integer.toString(i + 4), "./DevInfo/Man");
    }

    SyncMessage m = sent(session.onMessage(server.reply(pkg1, true, gets)));
    int statuses = 0;
    int messages = 0;
    while (true) {
      messages++;
      assertThat(new SyncMlCodec().encode(m, e)).hasSizeLessThanOrEqualTo(2500);
      statuses += (int) Fixture.statuses(m).stream().filter(s -> s.cmd().equals("Get")).count();
      if (m.isFinal()) {
        break;
      }
      assertThat(alerts(m)).isEmpty();
      m = askNext(m);
      assertThat(Fixture.statuses(m).get(0).cmdRef()).as("header status first").isEqualTo("0");
    }
    assertThat(messages).isGreaterThan(1);
    assertThat(statuses).isEqualTo(40);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_get_of_a_struct_listing_too_big_for_a_message_is_split_by_items(Encoding e)
      throws Exception {
    f.encoding(e);
    for (int i = 0; i < 60; i++) {
      f.device().addLeaf(NodeUri.of("./Vendor/Many/N" + i), NodeValue.text("value " + i));
    }
    open();
    server.maxMsgSize(3000);

    SyncMessage m =
        sent(
            session.onMessage(server.reply(pkg1, true, get("4", "./Vendor/Many?list=StructData"))));
    int items = 0;
    while (true) {
      assertThat(new SyncMlCodec().encode(m, e)).hasSizeLessThanOrEqualTo(3000);
      for (Results r : results(m)) {
        assertThat(r.cmdRef()).isEqualTo("4");
        items += r.items().size();
        assertThat(r.items()).noneMatch(Item::moreData);
      }
      if (m.isFinal()) {
        break;
      }
      m = askNext(m);
    }
    assertThat(items).isEqualTo(61);
  }
}
