package io.dmagent.notification;

import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.push.PushReceiver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The optional features this bundle provides while its receiver is up (./DevDetail/Ext). */
final class NotificationFeatures {
  private NotificationFeatures() {}

  /** The DM 1.2 package #0. */
  @Component(
      service = OptionalFeature.class,
      reference = @Reference(name = "receiver", service = PushReceiver.class))
  public static final class Notification12 implements OptionalFeature {
    @Override
    public String name() {
      return "Notification12";
    }

    @Override
    public String description() {
      return "DM 1.2 package #0 (application/vnd.syncml.notification), digest verified";
    }
  }

  /** Our reading of the DM 1.3 package #0. */
  @Component(
      service = OptionalFeature.class,
      reference = @Reference(name = "receiver", service = PushReceiver.class))
  public static final class Notification13 implements OptionalFeature {
    @Override
    public String name() {
      return "Notification13";
    }

    @Override
    public String description() {
      return "DM 1.3 package #0 (application/vnd.syncml.dm.notification), options and expiry";
    }
  }
}
