package io.dmagent.sessionless;

import io.dmagent.api.report.SessionlessReports;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dm:report <ServerID> <type> <data>}: queues one Generic Alert (Format chr, informational)
 * as a sessionless report, the way an application on the gateway would. Operators use it to check a
 * report address end to end; it answers with the report's id once the report is durable, or one
 * line {@code error <status>: <message>}.
 */
@Component(
    service = ReportCommand.class,
    property = {
      "osgi.command.scope=dm",
      "osgi.command.function=report",
      // What dm:help shows.
      "dmagent.command.help=Queues a Generic Alert as a sessionless report to a server",
      "dmagent.command.usage=<ServerID> <type> <data>"
    })
public final class ReportCommand {
  private final SessionlessReports reports;

  @Activate
  public ReportCommand(@Reference SessionlessReports reports) {
    this.reports = reports;
  }

  public String report(String serverId, String type, String data) {
    try {
      GenericAlert alert =
          new GenericAlert(
              type,
              NodeFormat.CHR,
              AlertMark.INFORMATIONAL,
              Optional.empty(),
              data.getBytes(StandardCharsets.UTF_8),
              Optional.empty());
      return "report " + reports.report(serverId, alert) + " stored for " + serverId;
    } catch (DmException e) {
      return "error " + e.getMessage();
    } catch (IllegalArgumentException e) {
      return "error 400: " + e.getMessage();
    }
  }
}
