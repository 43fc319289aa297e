package io.dmagent.bootstrap.client;

import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Bootstrap Config MO ({@code urn:oma:mo:oma-dm-bootstrapcfg:1.0}) at {@code ./BootConfig}:
 * stored by the tree like any node, its DDF shipped here. Its one rule beyond the DDF is the
 * specification's: {@code InitialARInfo} may be managed only once the gateway is bootstrapped to at
 * least one DM server other than the writer (405 otherwise).
 */
@Component(service = ManagementObject.class)
public final class BootConfigObject implements ManagementObject {
  static final NodeUri ROOT = NodeUri.of("./BootConfig");
  static final NodeUri DISCOVERY = NodeUri.of("./BootConfig/BootSrvDiscovery");
  static final NodeUri SERVERS = NodeUri.of("./BootConfig/BootSrvInfo");
  static final NodeUri INITIAL_AR_INFO = NodeUri.of("./BootConfig/InitialARInfo");

  private final Supplier<Set<String>> knownServers;
  private final byte[] ddf;

  @Activate
  public BootConfigObject(@Reference ServerRoster roster) {
    this(roster::serverIds);
  }

  /**
   * {@code knownServers}: the ServerIDs of the gateway's DM accounts, answered without the tree.
   */
  BootConfigObject(Supplier<Set<String>> knownServers) {
    this.knownServers = knownServers;
    this.ddf = DdfResource.load(BootConfigObject.class, "bootconfig.ddf");
  }

  @Override
  public NodeUri root() {
    return ROOT;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  /**
   * Servers read the MO and manage their bootstrap servers and BootSrvDiscovery; which servers may
   * is their ACL's business, set by the operator or a bootstrap message.
   */
  @Override
  public String rootAcl() {
    return "Get=*&Replace=*&Add=*&Delete=*";
  }

  @Override
  public void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal)
      throws DmException {
    if (INITIAL_AR_INFO.isAncestorOrSelfOf(uri) && !bootstrappedToAnother(principal)) {
      throw new DmException(
          StatusCode.COMMAND_NOT_ALLOWED,
          "InitialARInfo may be managed only once the gateway is bootstrapped to another DM"
              + " server");
    }
  }

  private boolean bootstrappedToAnother(Principal principal) {
    Set<String> servers = knownServers.get();
    return principal.isDevice()
        ? !servers.isEmpty()
        : servers.stream().anyMatch(id -> !id.equals(principal.serverId()));
  }
}
