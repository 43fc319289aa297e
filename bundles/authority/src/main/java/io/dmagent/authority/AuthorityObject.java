package io.dmagent.authority;

import io.dmagent.api.account.Accounts;
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
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * {@code ./Vendor/DMAgent/Authority} (urn:x-dmagent:mo:authority:1.0): how a management authority
 * hands its authority on. Exec on {@code Delegate} with a {@link DelegationDocument} as data
 * applies a delegation; Exec on {@code Revoke} with a delegation id ends one. The node's ACL lets
 * any server ask ({@code Exec=*&Get=*}): what a server may pass on is decided by its own rights, in
 * {@link Delegations}. Temporary delegations end by themselves ({@link ExpiryScheduler}).
 */
@Component(service = ManagementObject.class)
public final class AuthorityObject implements ManagementObject, AutoCloseable {
  static final NodeUri ROOT = NodeUri.of("./Vendor/DMAgent/Authority");
  static final NodeUri DELEGATE = NodeUri.of("./Vendor/DMAgent/Authority/Delegate");
  static final NodeUri REVOKE = NodeUri.of("./Vendor/DMAgent/Authority/Revoke");
  static final String ROOT_ACL = "Exec=*&Get=*";

  private final Delegations delegations;
  private final ExpiryScheduler expiry;
  private final byte[] ddf;

  @Activate
  public AuthorityObject(
      @Reference DmTree tree,
      @Reference Accounts accounts,
      @Reference(service = LoggerFactory.class) Logger log) {
    this(tree, accounts, Clock.systemUTC(), log::info);
  }

  /** For plain Java: the clock decides when temporary delegations end. */
  public AuthorityObject(DmTree tree, Accounts accounts, Clock clock, Consumer<String> log) {
    this.delegations = new Delegations(tree, accounts, clock, log);
    this.expiry = new ExpiryScheduler(delegations, clock);
    this.ddf = DdfResource.load(AuthorityObject.class, "authority.ddf");
    delegations.expireDue(); // what expired while the agent was down ends before any session
    expiry.reschedule();
  }

  public Delegations delegations() {
    return delegations;
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
   * Given by the graft that creates the root, in the same commit: set from here, before the graft,
   * it would find a stored root hidden after a restart and log a refused Add.
   */
  @Override
  public String rootAcl() {
    return ROOT_ACL;
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    String data = request.argument().map(NodeValue::text).orElse("");
    if (uri.equals(DELEGATE)) {
      DelegationRecord r = delegations.delegate(principal, DelegationDocument.parse(data));
      expiry.reschedule();
      return new ExecResult(StatusCode.OK, Optional.of(NodeValue.text(r.id())));
    }
    if (uri.equals(REVOKE)) {
      delegations.revoke(principal, data.strip());
      expiry.reschedule();
      return ExecResult.completed();
    }
    throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri);
  }

  @Deactivate
  @Override
  public void close() {
    expiry.close();
  }
}
