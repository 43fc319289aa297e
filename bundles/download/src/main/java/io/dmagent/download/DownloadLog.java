package io.dmagent.download;

/** Where the service's lines go: progress and retries as info, failures as warnings. */
interface DownloadLog {
  void info(String line);

  void warn(String line);
}
