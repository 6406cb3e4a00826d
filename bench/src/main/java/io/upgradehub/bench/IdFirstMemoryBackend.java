package io.upgradehub.bench;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's in-memory backend, except that a query with an {@code _id} equality and
 * further conditions ({@code {_id: x, revision: 3}}) is answered from the {@code _id} index and the
 * other conditions checked on that one document, as MongoDB's planner does. The server itself uses
 * an index only when the query's fields are exactly the index's, so such a query scans the
 * collection (docs/benchmarks.md, "Ingest"). For the benchmark's {@code --mongo=id-first} only:
 * what inventory-service's conditional device updates cost on a store that uses the index.
 */
final class IdFirstMemoryBackend extends MemoryBackend {

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new MemoryDatabase(databaseName, getCursorRegistry()) {
      @Override
      protected MemoryCollection openOrCreateCollection(
          String collectionName, CollectionOptions options) {
        return new IdFirstCollection(this, collectionName, options);
      }
    };
  }

  private final class IdFirstCollection extends MemoryCollection {

    IdFirstCollection(MemoryDatabase database, String name, CollectionOptions options) {
      super(database, name, options, getCursorRegistry());
    }

    @Override
    protected QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int skip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      Object id = query.get("_id");
      if (query.size() > 1 && id != null && !(id instanceof Document)) {
        Document byId = new Document("_id", id);
        for (Index<Integer> index : getIndexes()) {
          if (index.canHandle(byId)) {
            return matchDocuments(
                query, index.getPositions(byId), orderBy, skip, limit, batchSize, fieldSelector);
          }
        }
      }
      return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }
  }
}
