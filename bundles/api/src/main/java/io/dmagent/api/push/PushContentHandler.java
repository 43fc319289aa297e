package io.dmagent.api.push;

/**
 * Takes pushes of some content types that are not notifications (sessionless DM messages), as a
 * whiteboard: registered with the service property {@value #CONTENT_TYPES} naming the MIME types it
 * takes. The {@link PushReceiver} passes such a push on, unchanged, and answers with its verdict.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface PushContentHandler {

  /** Service property: the MIME types (String or String[]) this handler takes. */
  String CONTENT_TYPES = "push.content.types";

  PushVerdict handle(PushMessage message);
}
