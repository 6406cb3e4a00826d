package io.upgradehub.inventory.device;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Registers many new devices of a product together, as one chunk: one unordered bulk insert, and
 * the chunk's versions counted in the version distribution with one update per counter document.
 * What a bulk import ({@link DeviceImport}) does with each chunk of its file and the arrivals of
 * transferred devices ({@link DeviceArrivals}) with theirs.
 *
 * <p>Each chunk is registered under an id of its own, recorded as open ({@link ImportChunks})
 * before its devices are stored and closed once their versions were counted ({@link
 * VersionCounting#countChunk}): a stop in between leaves the chunk open, and the sweep ({@link
 * PendingSweep}) counts it, exactly once.
 */
@Service
class DeviceRegistration {

  private final Devices devices;
  private final ImportChunks chunks;
  private final VersionCounting counting;
  private final Clock clock;

  DeviceRegistration(Devices devices, ImportChunks chunks, VersionCounting counting, Clock clock) {
    this.devices = devices;
    this.chunks = chunks;
    this.counting = counting;
    this.clock = clock;
  }

  /**
   * Stores the devices its product does not have a device of the same name of yet, and counts their
   * versions. The caller checked the devices and that their modules exist in the product.
   *
   * @param newDevices each name once (the caller decides which of the same name's rows wins)
   * @return the names not registered because the product has a device of that name already
   * @throws IllegalArgumentException when a name appears twice
   */
  Set<String> registerChunk(String productKey, List<NewDevice> newDevices) {
    if (newDevices.isEmpty()) {
      return Set.of();
    }
    Instant now = clock.instant();
    String chunkId = UUID.randomUUID().toString();
    Set<String> names = new HashSet<>();
    List<Device> registered = new ArrayList<>(newDevices.size());
    List<VersionChange> changes = new ArrayList<>();
    for (NewDevice newDevice : newDevices) {
      if (!names.add(newDevice.deviceName())) {
        throw new IllegalArgumentException("device '" + newDevice.deviceName() + "' given twice");
      }
      Device device =
          Device.register(
              new DeviceId(productKey, newDevice.deviceName()),
              newDevice.versions(),
              newDevice.tags(),
              now);
      registered.add(device);
      device
          .versions()
          .forEach(
              (module, version) ->
                  changes.add(
                      new VersionChange(
                          chunkId, device.id(), module, null, version.version(), now)));
    }
    if (!changes.isEmpty()) {
      chunks.open(chunkId, productKey, now, changes);
    }
    Set<String> taken = new HashSet<>();
    devices
        .insertChunk(registered, chunkId)
        .forEach(i -> taken.add(newDevices.get(i).deviceName()));
    if (!changes.isEmpty()) {
      // only the devices this chunk stored: a taken name's device was counted by what stored it
      counting.countChunk(
          chunkId,
          taken.isEmpty()
              ? changes
              : changes.stream()
                  .filter(change -> !taken.contains(change.device().deviceName()))
                  .toList());
    }
    return taken;
  }
}
