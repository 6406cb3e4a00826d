package io.upgradehub.notification.association;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Packages of one product to associate with a notification (spec §2.2).
 *
 * @param productKey the product the packages belong to
 * @param packageIds 1–100 package ids, each a package of that product; associating one again
 *     changes nothing
 */
record AssociationRequest(@Nullable String productKey, @Nullable List<String> packageIds) {

  static final int MAX_PACKAGES = 100;
}
