package io.upgradehub.inventory.device;

import java.util.List;
import java.util.Map;

/**
 * A validated request to register a device: its name, its initial version per module and its tags,
 * sorted.
 */
record NewDevice(String deviceName, Map<String, String> versions, List<String> tags) {}
