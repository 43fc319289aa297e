package io.dmagent.api.description;

import io.dmagent.api.tree.DmException;

/**
 * Reads and writes DDF and TNDS documents in XML and WBXML (DM DDF code page 2). Registered as a
 * service by the codec bundle. Parsing never resolves a DTD or an external entity and bounds depth,
 * element count and lengths; a malformed document is a {@link DmException} (400 malformed, 413 too
 * large, 415 unsupported encoding).
 */
@org.osgi.annotation.versioning.ProviderType
public interface DescriptionCodec {

  MgmtTreeDescription readDdf(byte[] document, Encoding encoding) throws DmException;

  byte[] writeDdf(MgmtTreeDescription description, Encoding encoding) throws DmException;

  TndsTree readTnds(byte[] document, Encoding encoding) throws DmException;

  byte[] writeTnds(TndsTree tree, Encoding encoding) throws DmException;
}
