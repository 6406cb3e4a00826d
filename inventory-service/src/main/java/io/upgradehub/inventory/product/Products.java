package io.upgradehub.inventory.product;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.inventory.system.Page;
import io.upgradehub.outbox.Outbox;
import io.upgradehub.problems.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Products in MongoDB, one document each, addressed by the product key as {@code _id}, so that the
 * key is unique without a second index and a lookup never scans. A new product's {@code
 * product.registered} event is stored in the same document ({@link Outbox#FIELD}) by the same
 * insert, and published from there by the outbox relay.
 */
@Repository
class Products {

  private final MongoCollection<Document> collection;
  private final Outbox outbox;

  Products(MongoCollection<Document> productCollection, Outbox outbox) {
    this.collection = productCollection;
    this.outbox = outbox;
    // what a real MongoDB needs for the list, newest first; the embedded server scans anyway
    collection.createIndex(Indexes.descending("createdAt", "_id"));
    collection.createIndex(
        Indexes.ascending(Outbox.FIELD + ".id"), new IndexOptions().sparse(true));
  }

  /**
   * Stores a new product with its {@code product.registered} event, in one single-document insert.
   *
   * @throws ApiException {@code PRODUCT_ALREADY_EXISTS} when the key is taken
   */
  void insert(Product product) {
    Document document =
        ProductDocuments.toDocument(product)
            .append(
                Outbox.FIELD,
                outbox.entries(
                    product.productKey(), product.createdAt(), List.of(product.registered())));
    try {
      collection.insertOne(document);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new ApiException(
            ErrorCode.PRODUCT_ALREADY_EXISTS,
            "A product with key '" + product.productKey() + "' already exists");
      }
      throw e;
    }
    outbox.written();
  }

  Optional<Product> find(String productKey) {
    return Optional.ofNullable(collection.find(eq("_id", productKey)).first())
        .map(ProductDocuments::fromDocument);
  }

  /** A page of products, newest first, with the total count of matches. */
  Page<Product> page(@Nullable String nameContains, int page, int size) {
    Bson filter =
        nameContains == null || nameContains.isBlank()
            ? Filters.empty()
            : regex(
                "name",
                Pattern.compile(Pattern.quote(nameContains.strip()), Pattern.CASE_INSENSITIVE));
    List<Product> items =
        collection
            .find(filter)
            .sort(Sorts.descending("createdAt", "_id"))
            .skip(page * size)
            .limit(size)
            .map(ProductDocuments::fromDocument)
            .into(new ArrayList<>());
    return new Page<>(items, page, size, collection.countDocuments(filter));
  }
}
