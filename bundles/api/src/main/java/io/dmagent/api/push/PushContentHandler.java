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

  /**
   * Service property (Boolean): true for a handler of bootstrap messages, which take the pushes of
   * its types whose content type carries a {@code SEC} parameter (the shared-secret schemes of a
   * bootstrap); a handler without it takes the others. So a signed bootstrap in {@code
   * application/vnd.syncml.dm+wbxml} reaches the bootstrap bundle, a sessionless command in the
   * same type the sessionless bundle.
   */
  String SIGNED_BOOTSTRAP = "push.content.bootstrap";

  PushVerdict handle(PushMessage message);
}
