package io.upgradehub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTests {

  @TempDir Path directory;

  @Test
  void answersIdEqualityWithFurtherConditionsAsMongoDbDoesInMemory() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
      withDevices(mongo.connectionString("test"), EmbeddedMongoTests::answersLikeMongoDb);
    }
  }

  @Test
  void answersIdEqualityWithFurtherConditionsAsMongoDbDoesInTheFile() {
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(directory.resolve("a.mv"), 0)) {
      withDevices(mongo.connectionString("test"), EmbeddedMongoTests::answersLikeMongoDb);
    }
  }

  @Test
  void readsAndUpdatesAFileWrittenByThePlainH2Backend() {
    Path file = directory.resolve("plain.mv");
    MongoServer plain = new MongoServer(new H2Backend(file.toString()));
    plain.bind("127.0.0.1", 0);
    try {
      String uri = "mongodb://127.0.0.1:" + plain.getLocalAddress().getPort() + "/test";
      withDevices(uri, devices -> devices.insertOne(device("dev-1", 1)));
    } finally {
      plain.shutdown();
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0)) {
      withDevices(
          mongo.connectionString("test"),
          devices -> {
            assertThat(devices.find(Filters.eq("_id", "dev-1")).first())
                .containsEntry("revision", 1);
            assertThat(
                    devices
                        .updateOne(
                            Filters.and(Filters.eq("_id", "dev-1"), Filters.eq("revision", 1)),
                            Updates.set("revision", 2))
                        .getModifiedCount())
                .isEqualTo(1);
            devices.insertOne(device("dev-2", 1));
          });
    }
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(file, 0)) {
      withDevices(
          mongo.connectionString("test"),
          devices ->
              assertThat(devices.find().into(new ArrayList<>()))
                  .extracting(document -> document.get("revision"))
                  .containsExactlyInAnyOrder(2, 1));
    }
  }

  private static void answersLikeMongoDb(MongoCollection<Document> devices) {
    devices.insertMany(List.of(device("dev-1", 1), device("dev-2", 5), device("dev-3", 1)));

    assertThat(devices.find(Filters.and(Filters.eq("_id", "dev-2"), Filters.eq("revision", 5))))
        .extracting(document -> document.get("_id"))
        .containsExactly("dev-2");
    assertThat(devices.find(Filters.and(Filters.eq("_id", "dev-2"), Filters.eq("revision", 1))))
        .isEmpty();
    assertThat(devices.find(Filters.and(Filters.eq("_id", "dev-9"), Filters.eq("revision", 1))))
        .isEmpty();
    assertThat(
            devices.find(
                Filters.and(
                    Filters.eq("_id", "dev-3"),
                    Filters.or(Filters.eq("revision", 7), Filters.lt("revision", 2)))))
        .extracting(document -> document.get("_id"))
        .containsExactly("dev-3");
    // an operator on _id is not an equality: the server's own matching answers it
    assertThat(
            devices.find(
                Filters.and(Filters.in("_id", "dev-1", "dev-3"), Filters.eq("revision", 1))))
        .hasSize(2);

    // a conditional update changes the one document it names, and only when the condition holds
    assertThat(
            devices
                .updateOne(
                    Filters.and(Filters.eq("_id", "dev-1"), Filters.eq("revision", 2)),
                    Updates.set("revision", 3))
                .getMatchedCount())
        .isZero();
    assertThat(
            devices
                .updateOne(
                    Filters.and(Filters.eq("_id", "dev-1"), Filters.eq("revision", 1)),
                    Updates.set("revision", 2))
                .getModifiedCount())
        .isEqualTo(1);
    assertThat(devices.find().into(new ArrayList<>()))
        .extracting(document -> document.get("_id") + "@" + document.get("revision"))
        .containsExactlyInAnyOrder("dev-1@2", "dev-2@5", "dev-3@1");
  }

  private static Document device(String id, int revision) {
    return new Document("_id", id).append("revision", revision);
  }

  private static void withDevices(String uri, Consumer<MongoCollection<Document>> use) {
    try (MongoClient client = MongoClients.create(uri)) {
      use.accept(client.getDatabase("test").getCollection("devices"));
    }
  }
}
