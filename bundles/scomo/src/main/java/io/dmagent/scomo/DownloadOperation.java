package io.dmagent.scomo;

import io.dmagent.api.download.Download;
import io.dmagent.api.download.DownloadException;
import io.dmagent.api.download.DownloadRequest;
import io.dmagent.api.download.Downloads;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Download, DownloadInstall and DownloadInstallInactive: fetches the package a Download node names
 * (bounded, resumed, checked against Ext/SHA256), verifies its signer, keeps it as delivered, and
 * installs it when asked to.
 */
final class DownloadOperation {
  private final DmTree tree;
  private final Services services;
  private final DeliveredStore delivered;
  private final ComponentOperations components;
  private final Reporter reporter;
  private final Executor worker;
  private final long maxBytes;
  private final Runnable changed;

  DownloadOperation(
      DmTree tree,
      Services services,
      DeliveredStore delivered,
      ComponentOperations components,
      Reporter reporter,
      Executor worker,
      long maxBytes,
      Runnable changed) {
    this.tree = tree;
    this.services = services;
    this.delivered = delivered;
    this.components = components;
    this.reporter = reporter;
    this.worker = worker;
    this.maxBytes = maxBytes;
    this.changed = changed;
  }

  /** The download id of a Download node: the same node resumes the same download. */
  static String downloadId(String node) {
    String safe = node.replaceAll("[^A-Za-z0-9._-]", "_");
    return ("scomo." + safe).substring(0, Math.min(64, 6 + safe.length()));
  }

  void start(Target t, Asker asker) {
    NodeUri item = t.item();
    Optional<Downloads> downloads = services.downloads();
    String pkgId = leaf(item, "PkgID").orElse(t.node());
    if (downloads.isEmpty()) {
      fail(t, asker, pkgId, ResultCode.DOWNLOAD_FAILED, "no download service is installed");
      return;
    }
    Optional<URI> url = leaf(item, "PkgURL").flatMap(DownloadOperation::uri);
    if (url.isEmpty()) {
      fail(t, asker, pkgId, ResultCode.ALTERNATE_DOWNLOAD_SERVER_ERROR, "PkgURL is no http(s) URL");
      return;
    }
    Optional<String> sha256 = leaf(item, "Ext/SHA256").map(s -> s.trim().toLowerCase(Locale.ROOT));
    DownloadRequest request;
    try {
      request =
          new DownloadRequest(
              downloadId(t.node()), url.get(), maxBytes, sha256.filter(s -> !s.isEmpty()));
    } catch (IllegalArgumentException e) {
      fail(t, asker, pkgId, ResultCode.DOWNLOAD_FAILED, e.getMessage());
      return;
    }
    components.status(item, ScomoNodes.DOWNLOAD_PROGRESSING);
    Download d = downloads.get().start(request);
    d.done()
        .whenComplete(
            (file, error) ->
                worker.execute(
                    () -> downloaded(t, asker, pkgId, sha256, downloads.get(), file, error)));
  }

  private void downloaded(
      Target t,
      Asker asker,
      String pkgId,
      Optional<String> sha256,
      Downloads downloads,
      Path file,
      Throwable error) {
    String id = downloadId(t.node());
    try {
      if (error != null) {
        Throwable cause =
            error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        if (cause instanceof DownloadException de) {
          throw new OperationFailure(ResultCode.of(de.failure()), de.getMessage());
        }
        throw new OperationFailure(ResultCode.DOWNLOAD_FAILED, String.valueOf(cause));
      }
      String signer;
      try {
        signer = downloads.verifySigner(file).orElse("");
      } catch (DownloadException e) {
        downloads.discard(id);
        throw new OperationFailure(ResultCode.of(e.failure()), e.getMessage());
      }
      ComponentPackage pkg;
      try {
        pkg = ComponentPackage.read(file);
      } catch (OperationFailure e) {
        downloads.discard(id);
        throw e;
      }
      delivered.add(
          t.node(),
          file,
          new DeliveredStore.Delivered(
              t.node(),
              pkgId,
              leaf(t.item(), "Name").orElse(pkg.name()),
              leaf(t.item(), "Version").orElse(pkg.version()),
              signer,
              sha256.orElse(""),
              pkg.feature(),
              file));
      downloads.discard(id);
      changed.run();
      components.status(t.item(), ScomoNodes.DOWNLOAD_COMPLETE);
      switch (t.operation()) {
        case "DownloadInstall" -> components.install(t.node(), true, asker, t.uri(), t.item());
        case "DownloadInstallInactive" ->
            components.install(t.node(), false, asker, t.uri(), t.item());
        default ->
            reporter.report(
                new Report(
                    asker.serverId(),
                    asker.correlator(),
                    t.uri().toString(),
                    ResultCode.SUCCESSFUL,
                    pkgId,
                    ""));
      }
    } catch (OperationFailure e) {
      fail(t, asker, pkgId, e.code(), e.getMessage());
    } catch (IOException e) {
      fail(
          t,
          asker,
          pkgId,
          ResultCode.DOWNLOAD_FAILED,
          "cannot keep the package: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fail(Target t, Asker asker, String pkgId, ResultCode code, String reason) {
    components.status(t.item(), ScomoNodes.DOWNLOAD_FAILED);
    reporter.report(
        new Report(asker.serverId(), asker.correlator(), t.uri().toString(), code, pkgId, reason));
  }

  /** Bytes received and announced, for the progress leaves a server Gets. */
  Optional<long[]> progress(String node) {
    return services
        .downloads()
        .flatMap(d -> d.find(downloadId(node)))
        .map(d -> new long[] {d.received(), d.total().orElse(-1)});
  }

  private Optional<String> leaf(NodeUri item, String path) {
    TreeOperations ops = tree.operations(Principal.device());
    try {
      return ops.get(NodeUri.of(item + "/" + path)).value().map(NodeValue::text);
    } catch (DmException e) {
      return Optional.empty();
    }
  }

  private static Optional<URI> uri(String text) {
    try {
      URI u = new URI(text.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
