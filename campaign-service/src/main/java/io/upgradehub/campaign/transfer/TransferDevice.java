package io.upgradehub.campaign.transfer;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One device of a transfer.
 *
 * @param decidedBy the API key's name that accepted or rejected it; null while it awaits review
 */
public record TransferDevice(
    String deviceName,
    TransferDeviceState state,
    @Nullable String decidedBy,
    @Nullable Instant decidedAt,
    Instant updatedAt) {}
