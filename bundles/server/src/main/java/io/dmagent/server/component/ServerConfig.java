package io.dmagent.server.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Where the reference server listens and which scripts it runs. */
@ObjectClassDefinition(
    name = "DM Agent reference server",
    description =
        "A compact DM server on this gateway, for the demo, tests and as a delegation peer.")
@interface ServerConfig {
  String PID = "io.dmagent.server";

  @AttributeDefinition(
      name = "Address",
      description = "Address to listen on; 127.0.0.1 keeps the server local to the gateway.")
  String host() default "127.0.0.1";

  @AttributeDefinition(name = "Port", min = "0", max = "65535")
  int port() default 8980;

  @AttributeDefinition(name = "Path", description = "Where devices POST package 1.")
  String path() default "/dm";

  @AttributeDefinition(
      name = "Server identifier",
      description = "The Source of the server's messages: the ServerID of the device's account.")
  String serverId() default "dmagent-demo";

  @AttributeDefinition(
      name = "Script folder",
      description =
          "Folder of <name>.dms scripts: <DevId>.dms for one device, the default script for the"
              + " others. Empty: the built-in script only.")
  String scriptFolder() default "";

  @AttributeDefinition(name = "Default script", description = "Name of the default script.")
  String defaultScript() default "default";

  @AttributeDefinition(
      name = "Largest message (bytes)",
      description = "Sent to devices as MaxMsgSize; larger messages are refused.",
      min = "1024")
  int maxMsgSize() default 1024 * 1024;

  @AttributeDefinition(
      name = "Session timeout (s)",
      description = "A session whose device stays silent this long is dropped.",
      min = "1")
  int sessionTimeoutSeconds() default 300;

  @AttributeDefinition(
      name = "Connections",
      description =
          "Connections served at once, one thread each; beyond: refused (503 or TLS alert).",
      min = "1")
  int maxConnections() default 32;

  @AttributeDefinition(
      name = "Connections per address",
      description = "Connections served at once for one client address.",
      min = "1")
  int maxConnectionsPerAddress() default 8;

  @AttributeDefinition(
      name = "Head deadline (s)",
      description =
          "Time a connection has for its TLS handshake and request head (a later request: for its"
              + " head); a client that has not sent it by then is cut off.",
      min = "1")
  int headDeadlineSeconds() default 10;

  @AttributeDefinition(
      name = "Client authentication",
      description =
          "Scheme every device must authenticate with (AAuthType: BASIC, DIGEST, DIGEST-SHA256,"
              + " HMAC, HMAC-SHA256); empty: none asked.",
      required = false)
  String clientAuthType() default "";

  @AttributeDefinition(name = "Client name", description = "AAuthName devices present.")
  String clientName() default "";

  @AttributeDefinition(
      name = "Client secret",
      description = "AAuthSecret devices present (never logged).",
      type = AttributeType.PASSWORD,
      required = false)
  String clientSecret() default "";

  @AttributeDefinition(
      name = "Server secret",
      description =
          "The server's own secret, proven to devices with the same scheme (their SRVCRED); empty:"
              + " the server sends no credentials.",
      type = AttributeType.PASSWORD,
      required = false)
  String serverSecret() default "";

  @AttributeDefinition(
      name = "Channel security",
      description =
          "TLS (HTTPS), MUTUAL_TLS (HTTPS requiring client certificates), TLS_PSK (pre-shared key),"
              + " or PLAINTEXT (plain HTTP: logged as a warning).",
      options = {
        @Option(value = "TLS", label = "TLS"),
        @Option(value = "MUTUAL_TLS", label = "TLS with client certificates"),
        @Option(value = "TLS_PSK", label = "TLS-PSK"),
        @Option(value = "PLAINTEXT", label = "Plain HTTP")
      })
  String security() default "TLS";

  @AttributeDefinition(
      name = "Key store",
      description = "The server's certificate and key (PKCS12 or JKS), for TLS and MUTUAL_TLS.",
      required = false)
  String keyStore() default "";

  @AttributeDefinition(name = "Key store type")
  String keyStoreType() default "PKCS12";

  @AttributeDefinition(
      name = "Key store password",
      description = "Also the key's password. Never logged.",
      type = AttributeType.PASSWORD,
      required = false)
  String keyStorePassword() default "";

  @AttributeDefinition(
      name = "Make demo certificates",
      description =
          "When the key store does not exist: make a demo CA and a certificate for localhost and"
              + " 127.0.0.1 signed by it (key store written owner-read-only), and the CA's"
              + " certificate into the demo CA store for the agent to trust.")
  boolean demoCertificates() default false;

  @AttributeDefinition(
      name = "Demo CA store",
      description = "Where the demo CA's certificate is written (a PKCS12 trust store).",
      required = false)
  String demoCaStore() default "";

  @AttributeDefinition(
      name = "Client trust store",
      description = "CA certificates client certificates must chain to (MUTUAL_TLS).",
      required = false)
  String clientTrustStore() default "";

  @AttributeDefinition(name = "Client trust store type")
  String clientTrustStoreType() default "PKCS12";

  @AttributeDefinition(
      name = "Client trust store password",
      type = AttributeType.PASSWORD,
      required = false)
  String clientTrustStorePassword() default "";

  @AttributeDefinition(
      name = "PSK identity",
      description = "The identity devices present with TLS_PSK.",
      required = false)
  String pskIdentity() default "";

  @AttributeDefinition(
      name = "PSK key (hex)",
      description = "The pre-shared key of that identity, hexadecimal. Never logged.",
      type = AttributeType.PASSWORD,
      required = false)
  String pskKey() default "";

  @AttributeDefinition(
      name = "Delegation peers",
      description =
          "ServerID=<base64 key>, comma-separated: the servers this one exchanges delegation grants"
              + " with, and the key (16 bytes or more) each pair shares (never logged).",
      type = AttributeType.PASSWORD,
      required = false)
  String[] delegationPeers() default {};

  @AttributeDefinition(
      name = "Push addresses",
      description =
          "<DevId>=<address>, one entry per device and binding: http://<gateway>:8088/dm/push,"
              + " sip:udp://<gateway>:5060, sip:tcp://<gateway>:5060, wap://<gateway>:2948 or"
              + " mqtt://<broker>:1883. A device's first entry is its default binding.",
      required = false)
  String[] pushAddresses() default {};

  @AttributeDefinition(
      name = "Default push addresses",
      description =
          "Addresses for devices without one of their own (or of the binding asked), e.g. the"
              + " MQTT broker every gateway listens on.",
      required = false)
  String[] defaultPushAddresses() default {};

  @AttributeDefinition(
      name = "Notification format",
      description = "The package #0 layout dmserver:notify sends unless --format says otherwise.",
      options = {
        @Option(value = "1.2", label = "DM 1.2"),
        @Option(value = "1.3", label = "DM 1.3")
      })
  String notificationFormat() default "1.2";

  @AttributeDefinition(
      name = "DM 1.3 digest place",
      description =
          "Where the DM 1.3 package #0 carries its digest (our interpretation: FIRST, as DM 1.2).",
      options = {
        @Option(value = "FIRST", label = "first"),
        @Option(value = "LAST", label = "last")
      })
  String dm13DigestPlace() default "FIRST";

  @AttributeDefinition(
      name = "Push timeout (s)",
      description = "How long a push may take to connect and be answered.",
      min = "1")
  int pushTimeoutSeconds() default 5;

  @AttributeDefinition(
      name = "MQTT push topic",
      description = "Topic of a device's pushes; <DevId> is replaced by the device's.")
  String mqttPushTopic() default "dm/<DevId>/push";

  @AttributeDefinition(
      name = "Report broker",
      description =
          "mqtt://<host>:<port> of the broker the server takes sessionless reports from; empty:"
              + " reports over HTTP only (POST to <path>/reports).",
      required = false)
  String reportBroker() default "";

  @AttributeDefinition(
      name = "Report topic",
      description = "The topic filter subscribed to at QoS 1 for sessionless reports.")
  String reportTopic() default "dm/+/reports";

  @AttributeDefinition(
      name = "Sessionless encoding",
      description = "How dmserver:push encodes the DM message of a sessionless command.",
      options = {@Option(value = "WBXML", label = "WBXML"), @Option(value = "XML", label = "XML")})
  String sessionlessEncoding() default "WBXML";

  @AttributeDefinition(
      name = "Bootstrap PIN",
      description =
          "Key (SEC=1, USERPIN) of the MAC of bootstrap messages dmserver:bootstrap writes to a"
              + " file or pushes over WAP; the gateway must know the same PIN. Empty: messages"
              + " are unsigned and only served by HTTPS GET.",
      type = AttributeType.PASSWORD,
      required = false)
  String bootstrapPin() default "";

  @AttributeDefinition(
      name = "Bootstrap address",
      description =
          "The address of this server that bootstrapped accounts get (AppAddr and the"
              + " message's Source). Empty: the address the server listens at.",
      required = false)
  String bootstrapAddress() default "";
}
