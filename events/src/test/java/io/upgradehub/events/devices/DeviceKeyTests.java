package io.upgradehub.events.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceKeyTests {

  @Test
  void valueJoinsProductKeyAndDeviceNameWithSlash() {
    var key = new DeviceKey("camera_v2", "cam-0001.eu");

    assertThat(key.value()).isEqualTo("camera_v2/cam-0001.eu");
    assertThat(key).hasToString("camera_v2/cam-0001.eu");
  }

  @Test
  void parseReadsWhatValueWrites() {
    var key = new DeviceKey("camera", "AA-BB-CC-00-11-22");

    assertThat(DeviceKey.parse(key.value())).isEqualTo(key);
  }

  @Test
  void acceptsIdentitiesAtTheLengthLimit() {
    var key = new DeviceKey("p".repeat(64), "d".repeat(64));

    assertThat(DeviceKey.parse(key.value())).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"camera", "CAM_2", "a", "-x_", "0123456789"})
  void acceptsValidProductKeys(String productKey) {
    assertThat(DeviceKey.isValidProductKey(productKey)).isTrue();
    assertThat(new DeviceKey(productKey, "d1").productKey()).isEqualTo(productKey);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "cam.era",
        "cam/era",
        "cam era",
        "cam+",
        "cam#",
        "cam:1",
        "kamera-ä",
        "ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"
      })
  void refusesInvalidProductKeys(String productKey) {
    assertThat(DeviceKey.isValidProductKey(productKey)).isFalse();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DeviceKey(productKey, "d1"))
        .withMessageContaining("productKey");
  }

  @ParameterizedTest
  @ValueSource(strings = {"d", "cam-0001", "cam.0001", "_hidden.not", "a..b", "1.2.3", "x."})
  void acceptsValidDeviceNames(String deviceName) {
    assertThat(DeviceKey.isValidDeviceName(deviceName)).isTrue();
    assertThat(new DeviceKey("camera", deviceName).deviceName()).isEqualTo(deviceName);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        ".hidden",
        "cam/1",
        "cam+1",
        "cam#1",
        "aa:bb:cc",
        "cam 1",
        "cam\n1",
        "gerät",
        "ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
      })
  void refusesInvalidDeviceNames(String deviceName) {
    assertThat(DeviceKey.isValidDeviceName(deviceName)).isFalse();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DeviceKey("camera", deviceName))
        .withMessageContaining("deviceName");
  }

  @ParameterizedTest
  @ValueSource(strings = {"camera", "/cam-1", "camera/", "camera/cam/1", "", "/"})
  void parseRefusesAnythingButOneSlashBetweenValidParts(String value) {
    assertThatIllegalArgumentException().isThrownBy(() -> DeviceKey.parse(value));
  }

  @Test
  void refusesNullParts() {
    assertThatNullPointerException()
        .isThrownBy(() -> new DeviceKey(null, "d1"))
        .withMessage("productKey");
    assertThatNullPointerException()
        .isThrownBy(() -> new DeviceKey("camera", null))
        .withMessage("deviceName");
    assertThatNullPointerException().isThrownBy(() -> DeviceKey.parse(null));
    assertThat(DeviceKey.isValidProductKey(null)).isFalse();
    assertThat(DeviceKey.isValidDeviceName(null)).isFalse();
  }

  @Test
  void errorMessageAbbreviatesHugeInput() {
    String huge = "x".repeat(10_000) + "/";

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DeviceKey("camera", huge))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  void eventIdIsTheSameForARepeatedMessage() {
    var key = new DeviceKey("camera", "cam-1");

    assertThat(key.eventId(DeviceVersionReported.TYPE, "m-1"))
        .isEqualTo(new DeviceKey("camera", "cam-1").eventId(DeviceVersionReported.TYPE, "m-1"));
  }

  @Test
  void eventIdDiffersByDeviceMessageAndType() {
    var key = new DeviceKey("camera", "cam-1");
    var id = key.eventId(DeviceVersionReported.TYPE, "m-1");

    assertThat(key.eventId(DeviceVersionReported.TYPE, "m-2")).isNotEqualTo(id);
    assertThat(key.eventId(DeviceUpgradeRequested.TYPE, "m-1")).isNotEqualTo(id);
    assertThat(new DeviceKey("camera", "cam-2").eventId(DeviceVersionReported.TYPE, "m-1"))
        .isNotEqualTo(id);
    // the split between product and device is part of the identity
    assertThat(new DeviceKey("camera-", "cam-1").eventId(DeviceVersionReported.TYPE, "m-1"))
        .isNotEqualTo(new DeviceKey("camera", "-cam-1").eventId(DeviceVersionReported.TYPE, "m-1"));
  }
}
