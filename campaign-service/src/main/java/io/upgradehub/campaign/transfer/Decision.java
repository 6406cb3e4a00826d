package io.upgradehub.campaign.transfer;

import java.time.Instant;

/**
 * One accept or reject of a transfer's devices, as its detail shows it.
 *
 * @param action {@code ACCEPT} or {@code REJECT}
 * @param all whether it named every device awaiting review rather than a list
 * @param requested the devices it named (for {@code all}, those awaiting review then)
 * @param changed of those, the ones it decided; the others had been decided the same way before
 * @param by the API key's name that made it
 */
public record Decision(
    String action, boolean all, long requested, long changed, String by, Instant at) {}
