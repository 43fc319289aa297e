package io.dmagent.codec.message;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Challenge;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Credential;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.message.UnsupportedCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A representative set of messages: every command, every part of the model, edge values. */
final class Messages {
  private Messages() {}

  static final String MGMT_TREE =
      "<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD><Node><NodeName>Vendor</NodeName>"
          + "<RTProperties><Format><node/></Format><Type><DDFName>urn:x:1.0</DDFName></Type>"
          + "</RTProperties><Node><NodeName>Name</NodeName><RTProperties><ACL>Get=*</ACL>"
          + "<Format><chr/></Format></RTProperties><Value>a &lt;b&gt; &amp; c</Value></Node>"
          + "</Node></MgmtTree>";

  static SyncHeader clientHeader() {
    return new SyncHeader(
        "1.2",
        "DM/1.2",
        "4F2A",
        "1",
        Locator.of("https://dm.example.com/dm"),
        Locator.of("IMEI:493005100592800", "dev-user"),
        Optional.empty(),
        Optional.of(new Credential(Meta.of("b64", "syncml:auth-md5"), "Zz6EivR3yeaaENcRN6lpAQ==")),
        Optional.of(Meta.EMPTY.withMaxMsgSize(16384).withMaxObjSize(1 << 20)));
  }

  static SyncHeader serverHeader() {
    return new SyncHeader(
        "1.2",
        "DM/1.3",
        "4F2A",
        "2",
        Locator.of("IMEI:493005100592800"),
        Locator.of("https://dm.example.com/dm", "server"),
        Optional.of("https://dm.example.com/dm?sid=abc&x=1"),
        Optional.empty(),
        Optional.of(Meta.EMPTY.withMaxMsgSize(3500)));
  }

  static Item leaf(String uri, String value) {
    return Item.target(uri, Meta.of("chr", "text/plain"), ItemData.text(value));
  }

  /** Commands by name: each a case for round trips, the oracle and sizes. */
  static Map<String, Command> commands() {
    Map<String, Command> c = new TreeMap<>();
    c.put("get", ItemCommand.of(CommandName.GET, "1", Item.target("./DevInfo/Mod")));
    c.put(
        "get of a structure listing",
        ItemCommand.of(CommandName.GET, "2", Item.target("./Vendor?list=StructData")));
    c.put(
        "add of a leaf and an interior node",
        new ItemCommand(
            CommandName.ADD,
            "3",
            true,
            Optional.of(Meta.of("chr", "text/plain")),
            List.of(
                leaf("./Vendor/ACME/Name", "Ümlaut & <markup> \"q\" 'a'\ttab"),
                new Item(
                    Optional.of(Locator.of("./Vendor/ACME/Dir")),
                    Optional.empty(),
                    Optional.of(Meta.EMPTY.withFormat("node")),
                    Optional.empty(),
                    false))));
    c.put(
        "replace with empty data",
        ItemCommand.of(
            CommandName.REPLACE,
            "4",
            Item.target("./Vendor/ACME/Name", Meta.of("chr", "text/plain"), ItemData.text(""))));
    c.put("delete", ItemCommand.of(CommandName.DELETE, "5", Item.target("./Vendor/ACME")));
    c.put(
        "copy",
        ItemCommand.of(
            CommandName.COPY,
            "6",
            new Item(
                Optional.of(Locator.of("./Vendor/B")),
                Optional.of(Locator.of("./Vendor/A")),
                Optional.empty(),
                Optional.empty(),
                false)));
    c.put(
        "exec with correlator and data",
        new Exec(
            "7",
            false,
            Optional.of(Meta.of("chr", "text/plain")),
            Optional.of("corr-42"),
            Item.target("./FUMO/Update", Meta.EMPTY, ItemData.text("--reboot"))));
    c.put("alert 1201", Alert.of("8", Alert.CLIENT_INITIATED_MGMT));
    c.put(
        "display alert with options",
        Alert.of("9", Alert.DISPLAY, Item.data("MINDT=5&MAXDT=15"), Item.data("Hello")));
    c.put(
        "generic alert",
        new Alert(
            "10",
            false,
            Alert.GENERIC_ALERT,
            Optional.of("corr-42"),
            List.of(
                new Item(
                    Optional.empty(),
                    Optional.of(Locator.of("./FUMO")),
                    Optional.of(
                        Meta.of("int", "org.openmobilealliance.dm.firmwareupdate.update")
                            .withMark("critical")),
                    Optional.of(ItemData.text("200")),
                    false))));
    c.put(
        "atomic holding a sequence",
        new Atomic(
            "11",
            false,
            Optional.of(Meta.EMPTY.withFormat("chr")),
            List.of(
                ItemCommand.of(CommandName.ADD, "12", leaf("./A", "1")),
                new Sequence(
                    "13",
                    true,
                    Optional.empty(),
                    List.of(
                        ItemCommand.of(CommandName.REPLACE, "14", leaf("./B", "2")),
                        new Atomic(
                            "15",
                            false,
                            Optional.empty(),
                            List.of(
                                ItemCommand.of(CommandName.DELETE, "16", Item.target("./C")))))))));
    c.put(
        "status with a challenge",
        new Status(
            "17",
            "1",
            "0",
            Status.SYNC_HDR,
            List.of("https://dm.example.com/dm"),
            List.of("IMEI:493005100592800"),
            Optional.empty(),
            Optional.of(new Challenge(Meta.of("b64", "syncml:auth-md5").withNextNonce("Tm9uY2U="))),
            401,
            List.of()));
    c.put(
        "status with credentials and items",
        new Status(
            "18",
            "2",
            "3",
            "Alert",
            List.of("./A", "./B"),
            List.of(),
            Optional.of(
                new Credential(Meta.of("b64", "syncml:auth-basic"), "QnJ1Y2UyOk9oQmVoYXZl")),
            Optional.empty(),
            200,
            List.of(Item.data("2"), Item.data("3"))));
    c.put("plain status", Status.of("19", "1", "4", "Get", 404));
    c.put(
        "results with meta",
        new Results(
            "20",
            Optional.of("2"),
            "1",
            Optional.of(Meta.of("chr", "text/plain")),
            Optional.of("./DevInfo"),
            Optional.of("./DevInfo"),
            List.of(
                Item.source("./DevInfo/Mod", Meta.of("chr", "text/plain"), ItemData.text("X1")),
                Item.source(
                    "./DevInfo", Meta.EMPTY.withFormat("node"), ItemData.text("Mod/Man")))));
    c.put(
        "large object chunk",
        ItemCommand.of(
            CommandName.REPLACE,
            "21",
            Item.target(
                    "./Vendor/Blob",
                    Meta.of("b64", "application/octet-stream").withSize(40_000),
                    ItemData.text("QUJD".repeat(500)))
                .withMoreData(true)));
    c.put(
        "opaque data",
        ItemCommand.of(
            CommandName.REPLACE,
            "22",
            Item.target(
                "./Vendor/Bin",
                Meta.of("bin", "application/octet-stream"),
                ItemData.opaque("raw text bytes é".getBytes(StandardCharsets.UTF_8)))));
    c.put(
        "embedded mgmt tree",
        ItemCommand.of(
            CommandName.ADD,
            "23",
            Item.target(
                "./Vendor",
                Meta.of("xml", "application/vnd.syncml.dmtnds+xml"),
                new ItemData.Markup(MGMT_TREE))));
    c.put(
        "meta with every field",
        ItemCommand.of(
            CommandName.REPLACE,
            "24",
            Item.target(
                "./X",
                new Meta(
                    Optional.of("chr"),
                    Optional.of("text/plain"),
                    Optional.of("minor"),
                    java.util.OptionalLong.of(3),
                    Optional.of("bm9uY2U="),
                    java.util.OptionalLong.of(10_000),
                    java.util.OptionalLong.of(50_000),
                    List.of("ext-1", "ext-2")),
                ItemData.text("abc"))));
    c.put("data sync map", new UnsupportedCommand("Map", "25", false));
    c.put(
        "alert with no-resp",
        new Alert("26", true, Alert.NEXT_MESSAGE, Optional.empty(), List.of()));
    return c;
  }

  /** One message per command, plus the whole set in one message, client and server headers. */
  static Map<String, SyncMessage> messages() {
    Map<String, SyncMessage> m = new TreeMap<>();
    commands()
        .forEach(
            (name, command) ->
                m.put(name, new SyncMessage(serverHeader(), List.of(command), true)));
    m.put("everything", new SyncMessage(clientHeader(), List.copyOf(commands().values()), true));
    m.put(
        "not final",
        new SyncMessage(
            clientHeader(),
            List.of(Alert.of("1", Alert.NEXT_MESSAGE), Status.of("2", "1", "0", "SyncHdr", 200)),
            false));
    m.put("empty body", new SyncMessage(serverHeader(), List.of(), true));
    return m;
  }
}
