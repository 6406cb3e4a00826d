package io.upgradehub.gateway.apikey;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.upgradehub.gateway.problem.ErrorCode;
import io.upgradehub.gateway.problem.ProblemException;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code api_keys} collection of the gateway's own database. Every operation is a single
 * document write, so it needs no transactions.
 */
@Repository
class ApiKeyStore {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyStore.class);

  static final String COLLECTION = "api_keys";

  private final MongoCollection<Document> collection;
  private volatile boolean indexed;

  ApiKeyStore(MongoClient client, MongoProperties properties) {
    this.collection =
        client.getDatabase(properties.getMongoClientDatabase()).getCollection(COLLECTION);
  }

  /** Creates the indexes early; if MongoDB is down now, the first insert tries again. */
  @EventListener(ApplicationReadyEvent.class)
  void createIndexesOnStartup() {
    ensureIndexes()
        .subscribe(
            null,
            error ->
                log.warn(
                    "Could not create the indexes of {} now, will retry on first write: {}",
                    COLLECTION,
                    error.toString()));
  }

  private Mono<Void> ensureIndexes() {
    if (indexed) {
      return Mono.empty();
    }
    // the unique index is what makes a duplicate name fail atomically, across gateway instances
    return Mono.from(
            collection.createIndex(
                Indexes.ascending("name"), new IndexOptions().unique(true).name("name_unique")))
        .doOnSuccess(name -> indexed = true)
        .then();
  }

  /**
   * Stores a new key.
   *
   * @return an error {@link ErrorCode#API_KEY_NAME_TAKEN} when the name exists already
   */
  Mono<Void> insert(StoredApiKey key) {
    Document document =
        new Document("_id", key.sha256())
            .append("name", key.name())
            .append("role", key.role().value())
            .append("shownPart", key.shownPart())
            .append("createdAt", Date.from(key.createdAt()))
            .append("createdBy", key.createdBy());
    return ensureIndexes()
        .then(Mono.from(collection.insertOne(document)))
        .onErrorMap(
            ApiKeyStore::isDuplicateKey,
            e ->
                new ProblemException(
                    ErrorCode.API_KEY_NAME_TAKEN,
                    "An API key named '" + key.name() + "' already exists"))
        .then();
  }

  /** The key whose SHA-256 hex is {@code sha256}, or empty. */
  Mono<StoredApiKey> findBySha256(String sha256) {
    return Mono.from(collection.find(Filters.eq("_id", sha256)).first())
        .map(ApiKeyStore::toKey)
        .filter(key -> key.role() != null);
  }

  Mono<StoredApiKey> findByName(String name) {
    return Mono.from(collection.find(Filters.eq("name", name)).first()).map(ApiKeyStore::toKey);
  }

  Flux<StoredApiKey> findAll() {
    return Flux.from(collection.find().sort(Sorts.ascending("name"))).map(ApiKeyStore::toKey);
  }

  /** Deletes the key named {@code name}; emits whether there was one. */
  Mono<Boolean> deleteByName(String name) {
    return Mono.from(collection.deleteOne(Filters.eq("name", name)))
        .map(result -> result.getDeletedCount() > 0);
  }

  private static boolean isDuplicateKey(Throwable error) {
    return error instanceof MongoWriteException write
        && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }

  private static StoredApiKey toKey(Document document) {
    Date createdAt = document.getDate("createdAt");
    return new StoredApiKey(
        document.getString("_id"),
        document.getString("name"),
        // null for a role this version does not know (written by a newer one): such a key fails
        // closed, it never authenticates here
        Role.fromValue(document.getString("role")).orElse(null),
        document.getString("shownPart"),
        createdAt == null ? null : createdAt.toInstant(),
        document.getString("createdBy"));
  }
}
