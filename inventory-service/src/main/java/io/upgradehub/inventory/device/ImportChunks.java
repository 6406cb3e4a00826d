package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.stereotype.Repository;

/**
 * The chunks of devices registered together ({@link DeviceRegistration}: a bulk import's, an
 * arrivals call's) whose versions are not counted yet, one document each ({@code _id} the chunk's
 * id, collection {@code importChunks}) holding the version changes its devices would make: written
 * before the chunk's devices are stored, deleted once they were counted. So a stop in between
 * leaves the chunk here, and the sweep counts it ({@link PendingSweep}). A chunk of {@value
 * DeviceImport#CHUNK_VERSIONS} versions at most takes ~3 MB.
 */
@Repository
class ImportChunks {

  private static final String CHANGES = "changes";

  private final MongoCollection<Document> collection;

  ImportChunks(MongoClient client, MongoProperties properties) {
    this.collection =
        client.getDatabase(properties.getMongoClientDatabase()).getCollection("importChunks");
  }

  /** Records a chunk about to be stored, with the changes (all from no version) of its rows. */
  void open(String chunkId, String productKey, Instant at, List<VersionChange> changes) {
    List<Document> stored = new ArrayList<>(changes.size());
    changes.forEach(
        change ->
            stored.add(
                new Document("d", change.device().deviceName())
                    .append("m", change.module())
                    .append("v", change.toVersion())));
    collection.insertOne(
        new Document("_id", chunkId)
            .append("productKey", productKey)
            .append("at", Date.from(at))
            .append(CHANGES, stored));
  }

  /** Forgets a chunk once it was counted. */
  void close(String chunkId) {
    collection.deleteOne(eq("_id", chunkId));
  }

  /**
   * Hands each chunk opened before {@code openedBefore} and still not closed to {@code action},
   * with its changes.
   */
  void forEachOpen(Instant openedBefore, BiConsumer<String, List<VersionChange>> action) {
    for (Document chunk : collection.find(lt("at", Date.from(openedBefore)))) {
      String chunkId = chunk.getString("_id");
      String productKey = chunk.getString("productKey");
      Instant at = chunk.getDate("at").toInstant();
      List<VersionChange> changes = new ArrayList<>();
      for (Document change : chunk.getList(CHANGES, Document.class, List.of())) {
        changes.add(
            new VersionChange(
                chunkId,
                new DeviceId(productKey, change.getString("d")),
                change.getString("m"),
                null,
                change.getString("v"),
                at));
      }
      action.accept(chunkId, changes);
    }
  }
}
