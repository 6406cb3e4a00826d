package io.upgradehub.testsupport;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.List;
import java.util.UUID;

/**
 * mongo-java-server's in-memory backend, except that a query with an {@code _id} equality and
 * further conditions ({@code {_id: x, revision: 3}}) is answered from the {@code _id} index and the
 * other conditions checked on that one document, as MongoDB's planner does. The server itself uses
 * an index only when the query's fields are exactly the index's, so such a query (every conditional
 * update of a document by its id) scans the whole collection: inventory-service's device updates
 * then cost as much as the fleet is large (docs/benchmarks.md, "Ingest"). Results are the same.
 */
final class IdIndexFirstBackends {

  private IdIndexFirstBackends() {}

  /** The in-memory backend. */
  static MemoryBackend memory() {
    return new MemoryBackend() {
      @Override
      public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
          @Override
          protected MemoryCollection openOrCreateCollection(
              String collectionName, CollectionOptions options) {
            return new IdFirstMemoryCollection(this, collectionName, options, cursorRegistry);
          }
        };
      }
    };
  }

  /**
   * The {@code _id} index's positions for {@code query} when it holds an {@code _id} equality with
   * further conditions; {@code null} when the server's own planning applies (a lone {@code _id}
   * equality already uses the index).
   */
  private static <P> Iterable<P> idPositions(Document query, List<Index<P>> indexes) {
    Object id = idEquality(query);
    if (id == null || (query.size() == 1 && query.containsKey("_id"))) {
      return null;
    }
    Document byId = new Document("_id", id);
    for (Index<P> index : indexes) {
      if (index.canHandle(byId)) {
        return index.getPositions(byId);
      }
    }
    return null;
  }

  /**
   * The value {@code query} requires {@code _id} to equal, at its top level or in a top-level
   * {@code $and} (the driver's {@code Filters.and} always renders one); {@code null} when there is
   * none. Only strings, object ids and UUIDs: an operator document, a regular expression or a
   * number (which the index may key differently from how the query compares it) is left to the
   * server's own matching.
   */
  static Object idEquality(Document query) {
    Object id = query.get("_id");
    if (id instanceof String || id instanceof ObjectId || id instanceof UUID) {
      return id;
    }
    if (query.get("$and") instanceof List<?> clauses) {
      for (Object clause : clauses) {
        if (clause instanceof Document document) {
          Object found = idEquality(document);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private static final class IdFirstMemoryCollection extends MemoryCollection {

    IdFirstMemoryCollection(
        MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
      super(database, name, options, cursors);
    }

    @Override
    protected QueryResult queryDocuments(
        Document query,
        Document orderBy,
        int skip,
        int limit,
        int batchSize,
        Document fieldSelector) {
      Iterable<Integer> positions = idPositions(query, getIndexes());
      return positions == null
          ? super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector)
          : matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
    }
  }
}
