package io.upgradehub.inventory.device;

import java.util.Map;

/** A validated request to register a device: its name and its initial version per module. */
record NewDevice(String deviceName, Map<String, String> versions) {}
