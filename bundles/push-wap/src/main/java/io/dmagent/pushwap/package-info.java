/**
 * The WAP push binding: connectionless WSP push PDUs in UDP datagrams (port 2948), as a WAP push
 * proxy gateway or a local SMS bearer delivers them. It only moves bytes: the PDU's body and
 * content type go to the agent's {@link io.dmagent.api.push.PushReceiver}. Installed by the feature
 * {@code dm-push-wap}, not in the default set.
 */
package io.dmagent.pushwap;
