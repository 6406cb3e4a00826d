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
}
