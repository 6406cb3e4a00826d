package io.upgradehub.adapter.ingest;

/**
 * The products and modules devices may send messages for (§3.4: {@link
 * RejectReason#UNKNOWN_PRODUCT}, {@link RejectReason#UNKNOWN_MODULE}). Must be thread-safe and must
 * not block: the reader asks it for every message.
 */
public interface KnownProducts {

  /** Every product and every module: for reading messages without a product list. */
  KnownProducts ANY =
      new KnownProducts() {
        @Override
        public boolean hasProduct(String productKey) {
          return true;
        }

        @Override
        public boolean hasModule(String productKey, String module) {
          return true;
        }
      };

  /** Whether {@code productKey} is a product of the platform. */
  boolean hasProduct(String productKey);

  /** Whether the product {@code productKey} has the module {@code module}. */
  boolean hasModule(String productKey, String module);
}
