package io.upgradehub.inventory.device;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An export of a product's devices and their version of a module whose parameters were checked,
 * written when the response body is: every failure the caller may be told of as a problem happened
 * before.
 */
@FunctionalInterface
interface VersionExport {

  /** Writes the export to {@code out} as it reads the devices, without closing {@code out}. */
  void writeTo(OutputStream out) throws IOException;
}
