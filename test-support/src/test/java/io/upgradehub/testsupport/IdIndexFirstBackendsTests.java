package io.upgradehub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdIndexFirstBackendsTests {

  @Test
  void findsTheIdEqualityBesideFurtherConditions() {
    assertThat(IdIndexFirstBackends.idEquality(new Document("_id", "dev-1").append("revision", 3)))
        .isEqualTo("dev-1");
  }

  @Test
  void findsTheIdEqualityInsideTheAndTheDriverRenders() {
    Document query =
        new Document(
            "$and",
            List.of(
                new Document("_id", "dev-1"),
                new Document("$or", List.of(new Document("at", null)))));

    assertThat(IdIndexFirstBackends.idEquality(query)).isEqualTo("dev-1");
  }

  @Test
  void findsTheIdListBesideFurtherConditionsAndInsideTheAnd() {
    Document inAnd =
        new Document(
            "$and",
            List.of(
                new Document("_id", new Document("$in", List.of("a", "b"))),
                new Document("claim", "t")));

    assertThat(IdIndexFirstBackends.idIndexQuery(inAnd))
        .isEqualTo(new Document("_id", new Document("$in", List.of("a", "b"))));
    assertThat(IdIndexFirstBackends.idIndexQuery(new Document("_id", "a").append("x", 1)))
        .isEqualTo(new Document("_id", "a"));
  }

  @Test
  void leavesIdListsWithNumbersOrFurtherOperatorsToTheServer() {
    assertThat(
            IdIndexFirstBackends.idList(
                new Document("_id", new Document("$in", List.of("a", 7))).append("x", 1)))
        .isNull();
    assertThat(
            IdIndexFirstBackends.idList(
                new Document("_id", new Document("$in", List.of("a")).append("$ne", "b"))))
        .isNull();
    assertThat(IdIndexFirstBackends.idList(new Document("_id", new Document("$nin", List.of("a")))))
        .isNull();
  }

  @Test
  void leavesOperatorsExpressionsAndNumbersToTheServer() {
    assertThat(
            IdIndexFirstBackends.idEquality(
                new Document("_id", new Document("$in", List.of("a", "b"))).append("x", 1)))
        .isNull();
    assertThat(
            IdIndexFirstBackends.idEquality(
                new Document("_id", new BsonRegularExpression("^dev", "")).append("x", 1)))
        .isNull();
    assertThat(IdIndexFirstBackends.idEquality(new Document("_id", 7).append("x", 1))).isNull();
    assertThat(IdIndexFirstBackends.idEquality(new Document("revision", 3))).isNull();
  }
}
