package io.dmagent.diagnostics;

import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * {@code ./Vendor/DMAgent/Diagnostics} (urn:x-dmagent:mo:diagnostics:1.0): Exec on {@code SelfTest}
 * checks the tree, the store, the disk and the heap, writes the verdict to {@code Report} and the
 * time to {@code LastRun}, and answers 200 when every check passed, 500 when one failed. {@code
 * Note} is a free text servers and operators keep about the gateway.
 */
@Component(service = ManagementObject.class)
public final class DiagnosticsObject implements ManagementObject {
  private final SelfTest selfTest;
  private final Consumer<String> log;
  private final byte[] ddf;

  @Activate
  public DiagnosticsObject(
      @Reference DmTree tree,
      BundleContext context,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(
        new SelfTest(tree, dataFolder(context), Clock.systemUTC(), Runtime.getRuntime()),
        log::info);
  }

  /** For plain Java (tests of other bundles): the self-test checks {@code dataFolder}'s disk. */
  public DiagnosticsObject(DmTree tree, Path dataFolder) {
    this(new SelfTest(tree, dataFolder, Clock.systemUTC(), Runtime.getRuntime()), line -> {});
  }

  DiagnosticsObject(SelfTest selfTest, Consumer<String> log) {
    this.selfTest = selfTest;
    this.log = log;
    this.ddf = DdfResource.load(DiagnosticsObject.class, "diagnostics.ddf");
  }

  private static Path dataFolder(BundleContext context) {
    String data = context.getProperty("dmagent.data");
    return Path.of(data != null ? data : System.getProperty("user.dir"));
  }

  @Override
  public NodeUri root() {
    return SelfTest.ROOT;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    if (!uri.equals(SelfTest.SELF_TEST)) {
      throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri);
    }
    SelfTest.Report report = selfTest.run();
    String text = report.text();
    log.accept("self-test for " + principal + ": " + text);
    if (!report.passed()) {
      throw new DmException(StatusCode.COMMAND_FAILED, "self-test " + text);
    }
    return new ExecResult(StatusCode.OK, Optional.of(NodeValue.text(text)));
  }
}
