package io.dmagent.fumo;

/** The three Execs of FUMO, each with its node and its registered Generic Alert type. */
enum Operation {
  DOWNLOAD("Download", "org.openmobilealliance.dm.firmwareupdate.download"),
  UPDATE("Update", "org.openmobilealliance.dm.firmwareupdate.update"),
  DOWNLOAD_AND_UPDATE(
      "DownloadAndUpdate", "org.openmobilealliance.dm.firmwareupdate.downloadandupdate");

  final String node;
  final String alertType;

  Operation(String node, String alertType) {
    this.node = node;
    this.alertType = alertType;
  }

  boolean downloads() {
    return this != UPDATE;
  }

  boolean installs() {
    return this != DOWNLOAD;
  }
}
