package io.upgradehub.inventory.product;

import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Maps products to and from their MongoDB documents; the document never leaves this package. */
final class ProductDocuments {

  private ProductDocuments() {}

  static Document toDocument(Product p) {
    return new Document("_id", p.productKey())
        .append("name", p.name())
        .append("description", p.description())
        .append(
            "modules",
            p.modules().stream()
                .map(m -> new Document("name", m.name()).append("description", m.description()))
                .toList())
        .append("createdAt", Date.from(p.createdAt()));
  }

  static Product fromDocument(Document d) {
    return new Product(
        d.getString("_id"),
        d.getString("name"),
        d.getString("description"),
        d.getList("modules", Document.class, List.of()).stream()
            .map(m -> new ProductModule(m.getString("name"), m.getString("description")))
            .toList(),
        d.getDate("createdAt").toInstant());
  }
}
