package io.dmagent.scomo;

import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one SCOMO operation for the server that asked: an OperationComplete Generic Alert
 * with the Exec's Correlator, the operation's node as Source and as data {@code
 * <ResultCode>..</ResultCode><Identifier>..</Identifier>} and, for failures, our {@code
 * <Reason>..</Reason>}.
 */
record Report(
    String serverId,
    Optional<String> correlator,
    String source,
    ResultCode code,
    String identifier,
    String reason) {
  static final String ALERT_TYPE = "urn:oma:at:scomo:1.0:OperationComplete";

  Report {
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(correlator);
    Objects.requireNonNull(source);
    Objects.requireNonNull(code);
    Objects.requireNonNull(identifier);
    Objects.requireNonNull(reason);
  }

  GenericAlert alert() {
    StringBuilder data =
        new StringBuilder()
            .append("<ResultCode>")
            .append(code.code())
            .append("</ResultCode><Identifier>")
            .append(xml(identifier))
            .append("</Identifier>");
    if (!reason.isEmpty()) {
      data.append("<Reason>").append(xml(reason)).append("</Reason>");
    }
    return new GenericAlert(
        ALERT_TYPE,
        NodeFormat.XML,
        code == ResultCode.SUCCESSFUL ? AlertMark.INFORMATIONAL : AlertMark.WARNING,
        Optional.of(NodeUri.of(source)),
        data.toString().getBytes(StandardCharsets.UTF_8),
        correlator);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
