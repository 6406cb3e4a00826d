package io.upgradehub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tests' in-memory MongoDB ({@link IdIndexFirstBackends}) through the driver: {@code {_id:
 * {$in: [...]}, ...}} gives the same documents as the server's own scan would, found by looking at
 * the listed documents only; a scan asked for in batches streams them and lets writers in as it
 * goes.
 */
class MemoryBackendQueryTests {

  private static final int DEVICES = 2_000;

  private final MemoryBackend backend = IdIndexFirstBackends.memory();
  private MongoServer server;
  private MongoClient client;
  private MongoCollection<Document> devices;

  @BeforeEach
  void start() {
    server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    devices = client.getDatabase("test").getCollection("devices");
    devices.insertMany(
        IntStream.range(0, DEVICES)
            .mapToObj(i -> new Document("_id", "dev-" + i).append("revision", i % 3))
            .toList());
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void answersIdListWithFurtherConditionsLikeTheScanFromTheListedDocumentsOnly() {
    Bson listed = Filters.in("_id", "dev-1", "dev-2", "dev-3", "dev-4", "missing");
    Bson query = Filters.and(listed, Filters.eq("revision", 1));
    // the same condition the index cannot take ($nor of $nin): the server scans for it
    Bson scanned =
        Filters.and(
            Filters.nor(Filters.nin("_id", "dev-1", "dev-2", "dev-3", "dev-4", "missing")),
            Filters.eq("revision", 1));

    long before = examined();
    List<Object> found = ids(query);
    long byIndex = examined() - before;
    List<Object> byScan = ids(scanned);

    assertThat(found).containsExactlyInAnyOrder("dev-1", "dev-4").hasSameElementsAs(byScan);
    assertThat(byIndex).isEqualTo(4);
    assertThat(examined() - before - byIndex).isGreaterThanOrEqualTo(DEVICES);
  }

  @Test
  void updatesManyByIdListAndFurtherConditionsFromTheListedDocumentsOnly() {
    long before = examined();
    long modified =
        devices
            .updateMany(
                Filters.and(
                    Filters.in("_id", "dev-0", "dev-3", "dev-5"), Filters.eq("revision", 0)),
                Updates.set("claimed", true))
            .getModifiedCount();

    assertThat(modified).isEqualTo(2);
    assertThat(examined() - before).isLessThan(10);
    assertThat(ids(Filters.eq("claimed", true))).containsExactlyInAnyOrder("dev-0", "dev-3");
  }

  @Test
  void scanInBatchesAnswersTheFirstBatchBeforeMatchingTheWholeCollection() {
    long before = examined();
    try (MongoCursor<Document> cursor =
        devices
            .find(Filters.eq("revision", 2))
            .projection(Projections.include("revision"))
            .batchSize(100)
            .cursor()) {
      Document first = cursor.next();

      assertThat(examined() - before).isLessThan(DEVICES / 2);
      assertThat(first).isEqualTo(new Document("_id", "dev-2").append("revision", 2));
    }
  }

  @Test
  void scanInBatchesGivesEveryMatchOnceInStoredOrderWithWritesBetweenBatches() {
    List<Object> expected =
        IntStream.range(0, DEVICES)
            .filter(i -> i % 3 == 1)
            .mapToObj(i -> (Object) ("dev-" + i))
            .collect(Collectors.toCollection(ArrayList::new));
    expected.add("late-1");
    List<Object> found = new ArrayList<>();
    try (MongoCursor<Document> cursor =
        devices.find(Filters.eq("revision", 1)).batchSize(50).cursor()) {
      while (cursor.hasNext()) {
        found.add(cursor.next().get("_id"));
        if (found.size() == 60) {
          // between batches: an update of a returned and of a coming document, an insert
          devices.updateOne(Filters.eq("_id", "dev-1"), Updates.set("seen", true));
          devices.updateOne(Filters.eq("_id", "dev-1999"), Updates.set("seen", true));
          devices.insertOne(new Document("_id", "late-1").append("revision", 1));
        }
      }
    }

    assertThat(found).isEqualTo(expected);
    // a scan with an order is still answered whole, in that order
    assertThat(
            devices
                .find(Filters.eq("revision", 1))
                .sort(Sorts.descending("_id"))
                .batchSize(50)
                .map(d -> d.get("_id"))
                .first())
        .isEqualTo("late-1");
  }

  @Test
  void longScanLetsWritersInBetweenItsSlices() throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    List<Boolean> written = new ArrayList<>();
    collection()
        .onYield(
            () -> {
              if (written.isEmpty()) {
                // the scan has let go of the collection: a write from another client gets in now
                Future<?> insert =
                    writer.submit(
                        () -> devices.insertOne(new Document("_id", "late").append("revision", 7)));
                try {
                  insert.get(10, TimeUnit.SECONDS);
                  written.add(true);
                } catch (Exception e) {
                  written.add(false);
                }
              }
            });
    try {
      List<Object> found = new ArrayList<>();
      try (MongoCursor<Document> cursor =
          devices.find(Filters.eq("revision", 7)).batchSize(10).cursor()) {
        cursor.forEachRemaining(d -> found.add(d.get("_id")));
      }

      assertThat(written).containsExactly(true);
      // inserted behind the scan's position, it is found when the scan gets there
      assertThat(found).containsExactly("late");
    } finally {
      writer.shutdownNow();
    }
  }

  private List<Object> ids(Bson filter) {
    return devices.find(filter).map(d -> d.get("_id")).into(new ArrayList<>());
  }

  private long examined() {
    return collection().examined();
  }

  private IdIndexFirstBackends.IdFirstMemoryCollection collection() {
    return (IdIndexFirstBackends.IdFirstMemoryCollection)
        backend.resolveDatabase("test").resolveCollection("devices", true);
  }
}
