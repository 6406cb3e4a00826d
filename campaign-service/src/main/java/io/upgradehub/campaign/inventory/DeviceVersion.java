package io.upgradehub.campaign.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A device of a product and the version one of its modules runs.
 *
 * @param version null when the device never reported one for the module
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceVersion(String deviceName, @Nullable String version) {}
