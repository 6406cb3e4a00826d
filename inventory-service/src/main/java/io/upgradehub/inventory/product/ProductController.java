package io.upgradehub.inventory.product;

import io.swagger.v3.oas.annotations.Operation;
import io.upgradehub.inventory.system.Page;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The product API; each method hands one request to {@link ProductManagement}. */
@RestController
@RequestMapping(ProductController.PRODUCTS)
class ProductController {

  static final String PRODUCTS = "/api/v1/products";

  private final ProductManagement management;

  ProductController(ProductManagement management) {
    this.management = management;
  }

  @Operation(summary = "Add a product", description = "The module 'default' is always present.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ProductResponse> create(@RequestBody NewProductRequest request) {
    Product created = management.create(request);
    return ResponseEntity.created(URI.create(PRODUCTS + "/" + created.productKey()))
        .body(ProductResponse.of(created));
  }

  @Operation(summary = "List products, newest first; 'name' matches a part, any case")
  @GetMapping
  Page<ProductResponse> list(
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return management.list(name, page, size).map(ProductResponse::of);
  }

  @GetMapping("/{productKey}")
  ProductResponse get(@PathVariable String productKey) {
    return ProductResponse.of(management.get(productKey));
  }
}
