package io.dmagent.codec;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.message.SyncMlCodec;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.kxml2.io.KXmlParser;
import org.kxml2.wap.WbxmlParser;
import org.kxml2.wap.syncml.SyncML;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.xmlpull.v1.XmlPullParser;

/**
 * The SyncML codec (issue 4 target): decode + encode of a 64-command server package, in WBXML and
 * in XML, against a bare kxml2 parse of the same bytes that walks every event and touches every
 * name and text (kxml2's {@code WbxmlParser} with its SyncML tables, {@code KXmlParser} with
 * namespaces, as our XML reader uses it). Target: decode + encode of the WBXML package at no less
 * than half the throughput of the bare WBXML parse. Decode and encode alone show where the time
 * goes.
 *
 * <p>The package (4,158 bytes in WBXML, 10,005 in XML): the Status of the client's header, 40 Gets,
 * 12 Replaces with a value and Meta, 6 Adds (leaves and an interior node), 3 Deletes, an Exec with
 * a Correlator and a display Alert; a header with RespURI, MD5 credentials and MaxMsgSize.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CodecBenchmark {
  private static final int MAX = 1 << 20;

  private final SyncMlCodec codec = new SyncMlCodec();
  private SyncMessage message;
  private byte[] wbxml;
  private byte[] xml;

  @Setup
  public void build() throws Exception {
    message = serverPackage();
    wbxml = codec.encode(message, Encoding.WBXML);
    xml = codec.encode(message, Encoding.XML);
    if (message.commands().size() != 64
        || !codec.decode(wbxml, Encoding.WBXML, MAX).equals(message)
        || !codec.decode(xml, Encoding.XML, MAX).equals(message)) {
      throw new IllegalStateException("the package does not round-trip");
    }
  }

  /** The package the benchmarks work on. */
  static SyncMessage serverPackage() {
    List<Command> commands = new ArrayList<>();
    commands.add(
        new Status(
            "1",
            "1",
            "0",
            Status.SYNC_HDR,
            List.of("https://dm.example.com/dm"),
            List.of("IMEI:493005100592800"),
            Optional.empty(),
            Optional.empty(),
            212,
            List.of()));
    int id = 2;
    for (int i = 0; i < 40; i++) {
      commands.add(
          ItemCommand.of(CommandName.GET, Integer.toString(id++), Item.target(uri(i) + "/Value")));
    }
    for (int i = 0; i < 12; i++) {
      commands.add(
          ItemCommand.of(
              CommandName.REPLACE,
              Integer.toString(id++),
              Item.target(
                  uri(i) + "/Interval",
                  Meta.of("int", "text/plain"),
                  ItemData.text(Integer.toString(60 + i)))));
    }
    for (int i = 0; i < 5; i++) {
      commands.add(
          ItemCommand.of(
              CommandName.ADD,
              Integer.toString(id++),
              Item.target(
                  uri(100 + i) + "/Label",
                  Meta.of("chr", "text/plain"),
                  ItemData.text("Boiler room sensor " + i))));
    }
    commands.add(
        ItemCommand.of(
            CommandName.ADD,
            Integer.toString(id++),
            new Item(
                Optional.of(Locator.of(uri(200))),
                Optional.empty(),
                Optional.of(Meta.EMPTY.withFormat("node")),
                Optional.empty(),
                false)));
    for (int i = 0; i < 3; i++) {
      commands.add(
          ItemCommand.of(CommandName.DELETE, Integer.toString(id++), Item.target(uri(300 + i))));
    }
    commands.add(
        new Exec(
            Integer.toString(id++),
            false,
            Optional.empty(),
            Optional.of("sw-update-7"),
            Item.target("./Vendor/ACME/Firmware/Update", Meta.EMPTY, ItemData.text("--verify"))));
    commands.add(
        Alert.of(
            Integer.toString(id),
            Alert.DISPLAY,
            Item.data("MINDT=5&MAXDT=15"),
            Item.data("Maintenance tonight at 02:00")));
    SyncHeader header =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_2,
            "4F2A",
            "2",
            Locator.of("IMEI:493005100592800"),
            Locator.of("https://dm.example.com/dm", "server"),
            Optional.of("https://dm.example.com/dm?sid=7f3a9c"),
            Optional.of(
                new io.dmagent.api.message.Credential(
                    Meta.of("b64", "syncml:auth-md5"), "Zz6EivR3yeaaENcRN6lpAQ==")),
            Optional.of(Meta.EMPTY.withMaxMsgSize(16384).withMaxObjSize(1 << 20)));
    return new SyncMessage(header, commands, true);
  }

  private static String uri(int i) {
    return "./Vendor/ACME/Sensors/S" + (1000 + i);
  }

  @Benchmark
  public byte[] wbxmlDecodeEncode() throws Exception {
    return codec.encode(codec.decode(wbxml, Encoding.WBXML, MAX), Encoding.WBXML);
  }

  @Benchmark
  public SyncMessage wbxmlDecode() throws Exception {
    return codec.decode(wbxml, Encoding.WBXML, MAX);
  }

  @Benchmark
  public byte[] wbxmlEncode() {
    return codec.encode(message, Encoding.WBXML);
  }

  /** The baseline: kxml2's WBXML parser over the same bytes, every event, name and text. */
  @Benchmark
  public void kxml2WbxmlParse(Blackhole hole) throws Exception {
    WbxmlParser parser = SyncML.createParser();
    parser.setInput(new ByteArrayInputStream(wbxml), null);
    walk(parser, hole);
  }

  @Benchmark
  public byte[] xmlDecodeEncode() throws Exception {
    return codec.encode(codec.decode(xml, Encoding.XML, MAX), Encoding.XML);
  }

  @Benchmark
  public SyncMessage xmlDecode() throws Exception {
    return codec.decode(xml, Encoding.XML, MAX);
  }

  @Benchmark
  public byte[] xmlEncode() {
    return codec.encode(message, Encoding.XML);
  }

  /** The XML baseline: kxml2's XML pull parser, namespace-aware, every event, name and text. */
  @Benchmark
  public void kxml2XmlParse(Blackhole hole) throws Exception {
    KXmlParser parser = new KXmlParser();
    parser.setFeature(XmlPullParser.FEATURE_PROCESS_NAMESPACES, true);
    parser.setInput(new ByteArrayInputStream(xml), null);
    walk(parser, hole);
  }

  private static void walk(XmlPullParser parser, Blackhole hole) throws Exception {
    for (int type = parser.nextToken();
        type != XmlPullParser.END_DOCUMENT;
        type = parser.nextToken()) {
      if (type == XmlPullParser.START_TAG || type == XmlPullParser.END_TAG) {
        hole.consume(parser.getName());
      } else {
        hole.consume(parser.getText());
      }
    }
  }
}
