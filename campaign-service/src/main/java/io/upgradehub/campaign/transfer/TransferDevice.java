package io.upgradehub.campaign.transfer;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One device of a transfer.
 *
 * @param decidedBy the API key's name that accepted or rejected it; null while it awaits review
 * @param jobId the job of the transfer's batch that upgrades it, once it has one (the batch's job
 *     list shows its attempts)
 * @param description why its upgrade failed or was canceled, or why it needed none
 */
public record TransferDevice(
    String deviceName,
    TransferDeviceState state,
    @Nullable String decidedBy,
    @Nullable Instant decidedAt,
    @Nullable String jobId,
    @Nullable String description,
    Instant updatedAt) {}
