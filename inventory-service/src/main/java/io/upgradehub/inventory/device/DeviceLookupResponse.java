package io.upgradehub.inventory.device;

import java.util.List;

/**
 * What a lookup found; also what arrivals answer ({@link DeviceArrivals}), nothing missing.
 *
 * @param devices the devices of the product among the names, in the order the names were given
 * @param missing the names the product has no device of, in the order given
 */
record DeviceLookupResponse(List<DeviceVersion> devices, List<String> missing) {}
