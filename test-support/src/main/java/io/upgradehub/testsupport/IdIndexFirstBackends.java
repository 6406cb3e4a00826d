package io.upgradehub.testsupport;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * mongo-java-server's in-memory backend, except that a query with an {@code _id} equality or an
 * {@code _id $in} list and further conditions ({@code {_id: x, revision: 3}}, {@code {_id: {$in:
 * [x, y]}, outboxClaim: t}}) is answered from the {@code _id} index and the other conditions
 * checked on those documents, as MongoDB's planner does. The server itself uses an index only when
 * the query's fields are exactly the index's (its unique index takes a lone {@code _id} equality or
 * {@code $in}), so such a query (every conditional update of a document by its id, the outbox
 * relay's bulk claim) scans the whole collection: inventory-service's device updates then cost as
 * much as the fleet is large (docs/benchmarks.md, "Ingest"). Results are the same.
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
   * The {@code _id} index's positions for {@code query} when it holds an {@code _id} equality or
   * {@code $in} with further conditions; {@code null} when the server's own planning applies (a
   * lone {@code _id} equality or {@code $in} already uses the index).
   */
  private static <P> Iterable<P> idPositions(Document query, List<Index<P>> indexes) {
    Document byId = idIndexQuery(query);
    if (byId == null || (query.size() == 1 && query.containsKey("_id"))) {
      return null;
    }
    for (Index<P> index : indexes) {
      if (index.canHandle(byId)) {
        return index.getPositions(byId);
      }
    }
    return null;
  }

  /**
   * The part of {@code query} the {@code _id} index can answer, in the form the server's unique
   * index takes: {@code {_id: x}} for an equality ({@link #idEquality}) or {@code {_id: {$in: [x,
   * y]}}} for a list of ids ({@link #idList}); {@code null} when there is neither.
   */
  static Document idIndexQuery(Document query) {
    Object id = idEquality(query);
    if (id != null) {
      return new Document("_id", id);
    }
    List<?> ids = idList(query);
    return ids == null ? null : new Document("_id", new Document("$in", ids));
  }

  /**
   * The ids {@code query} requires {@code _id} to be among ({@code {_id: {$in: [...]}}}), at its
   * top level or in a top-level {@code $and}; {@code null} when there is no such list or when any
   * of its values is not a string, object id or UUID (see {@link #idEquality} for why).
   */
  static List<?> idList(Document query) {
    if (query.get("_id") instanceof Document operator
        && operator.size() == 1
        && operator.get("$in") instanceof List<?> ids
        && ids.stream().allMatch(IdIndexFirstBackends::isIndexedAsIs)) {
      return ids;
    }
    if (query.get("$and") instanceof List<?> clauses) {
      for (Object clause : clauses) {
        if (clause instanceof Document document) {
          List<?> found = idList(document);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private static boolean isIndexedAsIs(Object id) {
    return id instanceof String || id instanceof ObjectId || id instanceof UUID;
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
    if (isIndexedAsIs(id)) {
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

  static final class IdFirstMemoryCollection extends MemoryCollection {

    /** Documents a scan checks before it lets writers in: MongoDB's default yield interval. */
    static final int YIELD_EVERY = 1000;

    // documents checked against a query: lets a test tell an index answer (a few) from a scan (all)
    private final LongAdder examined = new LongAdder();
    // one past the highest position a document was ever stored at (the list only grows)
    private int positionsUsed;
    // runs while a scan has let go of the collection: lets a test write in between
    private volatile Runnable yielded = () -> {};

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

    @Override
    protected Integer addDocumentInternal(Document document) {
      Integer position = super.addDocumentInternal(document);
      positionsUsed = Math.max(positionsUsed, position + 1);
      return position;
    }

    /**
     * A scan without order, skip or limit, asked for in batches, is answered a batch at a time as
     * MongoDB streams a cursor, instead of matching the whole collection before the first batch (a
     * million-device export waited seconds for its first documents), and without holding the
     * collection the whole time ({@link ScanCursor}). Other queries are the server's.
     */
    @Override
    public QueryResult handleQuery(QueryParameters parameters) {
      Document query = streamedScan(parameters);
      if (query == null) {
        return super.handleQuery(parameters);
      }
      ScanCursor cursor =
          new ScanCursor(cursorRegistry.generateCursorId(), query, parameters.getProjection());
      List<Document> first = cursor.takeDocuments(parameters.getBatchSize());
      if (cursor.isEmpty()) {
        return new QueryResult(first);
      }
      cursorRegistry.add(cursor);
      return new QueryResult(first, cursor);
    }

    /**
     * The filter of a find that is to be streamed: asked for in batches, without order, skip or
     * limit, and not answered from an index; {@code null} for any other query.
     */
    private Document streamedScan(QueryParameters parameters) {
      Document selector = parameters.getQuerySelector();
      boolean plain =
          parameters.getBatchSize() > 0
              && parameters.getNumberToSkip() == 0
              && parameters.getLimit() == 0
              && selector.keySet().stream()
                  .allMatch(k -> k.equals("$query") || k.equals("$orderby"))
              && (!(selector.get("$orderby") instanceof Document order) || order.isEmpty());
      if (!plain || !(selector.get("$query") instanceof Document query)) {
        return null;
      }
      synchronized (this) {
        if (idPositions(query, getIndexes()) != null
            || getIndexes().stream().anyMatch(index -> index.canHandle(query))) {
          return null;
        }
      }
      return query;
    }

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
      examined.increment();
      return super.documentMatchesQuery(document, query);
    }

    /** Runs {@code action} each time a scan lets go of the collection. */
    void onYield(Runnable action) {
      yielded = action;
    }

    /** How many documents queries on this collection have checked so far. */
    long examined() {
      return examined.sum();
    }

    /**
     * Goes on from where the last batch ended, as a scan of MongoDB does: a document stays at its
     * position when updated (so it comes at most once), documents inserted meanwhile come when the
     * scan reaches them. It holds the collection for {@value #YIELD_EVERY} documents at a time and
     * lets writers in between, as MongoDB's scans yield: one scan of a large collection would
     * otherwise hold up every write to it. Each document is copied (or projected) under the lock,
     * so none that another client changes is encoded while it changes (the server's own cursors
     * hand out the stored documents).
     */
    private final class ScanCursor extends AbstractCursor {

      private final Document query;
      private final Document fieldSelector;
      private int next; // the position to check next
      private Document ahead; // the match after the last batch: isEmpty() must know one comes

      ScanCursor(long id, Document query, Document fieldSelector) {
        super(id);
        this.query = query;
        this.fieldSelector = fieldSelector;
      }

      @Override
      public boolean isEmpty() {
        synchronized (IdFirstMemoryCollection.this) {
          return ahead == null;
        }
      }

      @Override
      public List<Document> takeDocuments(int count) {
        int wanted = Math.max(count, 1);
        List<Document> batch = new ArrayList<>();
        boolean end = false;
        while (!end && batch.size() <= wanted) {
          synchronized (IdFirstMemoryCollection.this) {
            if (ahead != null) {
              batch.add(ahead);
              ahead = null;
            }
            List<Document> found = new ArrayList<>();
            int stop = Math.min(positionsUsed, next + YIELD_EVERY);
            while (next < stop && batch.size() + found.size() <= wanted) {
              Document document = getDocument(next++);
              if (document != null && documentMatchesQuery(document, query)) {
                found.add(document);
              }
            }
            end = next >= positionsUsed;
            batch.addAll(copies(found));
          }
          if (!end && batch.size() <= wanted) {
            yielded.run();
          }
        }
        if (batch.size() > wanted) {
          // the one after this batch, copied with it
          Document last = batch.remove(batch.size() - 1);
          synchronized (IdFirstMemoryCollection.this) {
            ahead = last;
          }
        }
        return batch;
      }

      /** Copies of {@code documents}, projected when the query has a projection: one pass. */
      private List<Document> copies(List<Document> documents) {
        if (fieldSelector == null || fieldSelector.isEmpty()) {
          return documents.stream()
              .map(Document::cloneDeeply)
              .collect(Collectors.toCollection(ArrayList::new));
        }
        return new ArrayList<>(
            matchDocumentsFromStream(
                    documents.stream(), new Document(), null, 0, 0, 0, fieldSelector)
                .collectDocuments());
      }
    }
  }
}
