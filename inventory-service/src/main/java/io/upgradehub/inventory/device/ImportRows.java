package io.upgradehub.inventory.device;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The rows of an import file, read one at a time as the body arrives. */
interface ImportRows {

  /** The next row, or null at the end of the file; blank lines are not rows. */
  @Nullable ImportRow next() throws IOException;
}
