package io.upgradehub.packages.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageDeleted;
import io.upgradehub.events.packages.PackageUpdated;
import io.upgradehub.outbox.PendingEvent;
import io.upgradehub.packages.signing.PackageSignature;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradePackageTests {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T1.plusSeconds(60);
  private static final Instant T3 = T2.plusSeconds(60);

  private UpgradePackage stored() {
    UpgradePackage created =
        UpgradePackage.create(
            new PackageId("p1"),
            new NewPackageRequest("fw", "FULL", "cam", null, "2.0", List.of(), "first", null, null)
                .validate(),
            new PackageFile(10, "a".repeat(64), "b".repeat(32)),
            new PackageSignature("Ed25519", "k", "sig"),
            T0);
    // as read back from the store: no pending events
    return PackageDocuments.fromDocument(PackageDocuments.toDocument(created));
  }

  @Test
  void creationRaisesCreatedEventWithTheFacts() {
    UpgradePackage created =
        UpgradePackage.create(
            new PackageId("p1"),
            new NewPackageRequest(
                    "fw", "DIFF", "cam", "mcu", "2.0", List.of("1.0"), null, null, null)
                .validate(),
            new PackageFile(10, "a".repeat(64), "b".repeat(32)),
            new PackageSignature("Ed25519", "k", "sig"),
            T0);

    assertThat(created.pendingEvents())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(PackageCreated.TYPE);
              PackageCreated data = (PackageCreated) event.data();
              assertThat(data.module()).isEqualTo("mcu");
              assertThat(data.fromVersions()).containsExactly("1.0");
              assertThat(data.status()).isEqualTo("UNVERIFIED");
              assertThat(data.enabled()).isTrue();
            });
  }

  @Test
  void updateRaisesAnEventOnlyWhenSomethingChanged() {
    UpgradePackage p = stored();

    assertThat(p.update(true, "first", T1)).isFalse();
    assertThat(p.pendingEvents()).isEmpty();

    assertThat(p.update(false, null, T1)).isTrue();
    assertThat(p.pendingEvents())
        .extracting(PendingEvent::data)
        .containsExactly(new PackageUpdated("p1", false, "first", "UNVERIFIED", T1));
    assertThat(p.updatedAt()).isEqualTo(T1);
  }

  @Test
  void emptyDescriptionClearsIt() {
    UpgradePackage p = stored();

    p.update(null, "", T1);

    assertThat(p.description()).isNull();
  }

  @Test
  void deleteRaisesDeletedEventAndCannotHappenTwice() {
    UpgradePackage p = stored();

    p.delete(T1);

    assertThat(p.pendingEvents())
        .extracting(PendingEvent::data)
        .containsExactly(new PackageDeleted("p1", T1));
    assertThatIllegalStateException().isThrownBy(() -> p.delete(T1));
    assertThatIllegalStateException().isThrownBy(() -> p.update(false, null, T1));
  }

  @Test
  void statusChangeKeepsTheReportedTimeAndRaisesAnUpdateWithTheStatus() {
    UpgradePackage p = stored();
    assertThat(p.statusAt()).isNull();

    assertThat(p.changeStatus(PackageStatus.VERIFYING, T1, T2)).isTrue();

    assertThat(p.status()).isEqualTo(PackageStatus.VERIFYING);
    assertThat(p.statusAt()).isEqualTo(T1);
    assertThat(p.updatedAt()).isEqualTo(T2);
    assertThat(p.pendingEvents())
        .extracting(PendingEvent::data)
        .containsExactly(new PackageUpdated("p1", true, "first", "VERIFYING", T2));
  }

  @Test
  void statusChangeSurvivesTheStoreToTheMillisecond() {
    UpgradePackage p = stored();
    Instant fine = T1.plusNanos(1_234_567);

    p.changeStatus(PackageStatus.VERIFY_SKIPPED, fine, T2);
    UpgradePackage read = PackageDocuments.fromDocument(PackageDocuments.toDocument(p));

    assertThat(read.status()).isEqualTo(PackageStatus.VERIFY_SKIPPED);
    assertThat(read.statusAt()).isEqualTo(p.statusAt()).isEqualTo(T1.plusMillis(1));
    // the same report again, against what was read back, changes nothing
    assertThat(read.changeStatus(PackageStatus.VERIFY_SKIPPED, fine, T3)).isFalse();
  }

  @Test
  void olderStatusThanTheOneHeldChangesNothing() {
    UpgradePackage p = PackageDocuments.fromDocument(PackageDocuments.toDocument(verified()));

    assertThat(p.changeStatus(PackageStatus.VERIFYING, T1, T3)).isFalse();

    assertThat(p.status()).isEqualTo(PackageStatus.VERIFIED);
    assertThat(p.statusAt()).isEqualTo(T2);
    assertThat(p.pendingEvents()).isEmpty();
  }

  @Test
  void repeatedStatusChangesNothing() {
    UpgradePackage p = PackageDocuments.fromDocument(PackageDocuments.toDocument(verified()));

    assertThat(p.changeStatus(PackageStatus.VERIFIED, T2, T3)).isFalse();
    assertThat(p.changeStatus(PackageStatus.VERIFIED, T3, T3)).isFalse();

    assertThat(p.statusAt()).isEqualTo(T2);
    assertThat(p.updatedAt()).isEqualTo(T2);
    assertThat(p.pendingEvents()).isEmpty();
  }

  @Test
  void statusReportedAtTheSameTimeAsTheHeldOneIsTakenAsTheLater() {
    UpgradePackage p = PackageDocuments.fromDocument(PackageDocuments.toDocument(verified()));

    assertThat(p.changeStatus(PackageStatus.VERIFY_FAILED, T2, T3)).isTrue();

    assertThat(p.status()).isEqualTo(PackageStatus.VERIFY_FAILED);
  }

  @Test
  void deletedPackageTakesNoStatus() {
    UpgradePackage p = stored();
    p.delete(T1);

    assertThatIllegalStateException()
        .isThrownBy(() -> p.changeStatus(PackageStatus.VERIFYING, T1, T2));
  }

  /** VERIFYING at T1, VERIFIED at T2, both applied at T2. */
  private UpgradePackage verified() {
    UpgradePackage p = stored();
    p.changeStatus(PackageStatus.VERIFYING, T1, T2);
    p.changeStatus(PackageStatus.VERIFIED, T2, T2);
    return p;
  }
}
