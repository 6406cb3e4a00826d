/**
 * Event contracts of the device protocol: what devices report (topic {@link
 * io.upgradehub.events.devices.DeviceTopics#DEVICE_REPORTS}) and what the platform commands (topic
 * {@link io.upgradehub.events.devices.DeviceTopics#DEVICE_COMMANDS}), all keyed by {@link
 * io.upgradehub.events.devices.DeviceKey}. The wire protocol itself is {@code
 * docs/device-protocol.md}.
 */
package io.upgradehub.events.devices;
