package io.upgradehub.packages.product;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.upgradehub.events.products.ProductRegistered;
import io.upgradehub.packages.system.ErrorCode;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.FieldError;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * The products this service knows, kept from inventory-service's {@code product.registered} events
 * in this service's own {@code products} collection (one document per product, the product key as
 * {@code _id}); never asked of inventory-service. A product registered a moment ago may not be here
 * yet: its event is on its way.
 */
@Repository
public class KnownProducts {

  private final MongoCollection<Document> collection;

  KnownProducts(MongoCollection<Document> productCollection) {
    this.collection = productCollection;
  }

  /**
   * Refuses a package for a product or module this service does not know.
   *
   * @throws ApiException {@code UNKNOWN_PRODUCT} (field {@code productKey}) or {@code
   *     UNKNOWN_MODULE} (field {@code module}), both 422
   */
  public void requireModule(String productKey, String module) {
    Document product = collection.find(eq("_id", productKey)).first();
    if (product == null) {
      throw new ApiException(
          ErrorCode.UNKNOWN_PRODUCT,
          "No product with key '" + productKey + "' is registered",
          List.of(new FieldError("productKey", "UNKNOWN_PRODUCT", "no such product")));
    }
    List<String> modules = product.getList("modules", String.class, List.of());
    if (!modules.contains(module)) {
      throw new ApiException(
          ErrorCode.UNKNOWN_MODULE,
          "Product '" + productKey + "' has no module '" + module + "'",
          List.of(
              new FieldError("module", "UNKNOWN_MODULE", "the product's modules are " + modules)));
    }
  }

  /** Stores the product as the event states it; the same event applied again changes nothing. */
  void apply(ProductRegistered registered) {
    collection.replaceOne(
        eq("_id", registered.productKey()),
        new Document("_id", registered.productKey())
            .append("name", registered.name())
            .append("modules", registered.modules())
            .append("registeredAt", Date.from(registered.at())),
        new ReplaceOptions().upsert(true));
  }
}
