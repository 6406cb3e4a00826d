package io.upgradehub.campaign.transfer;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/transfers/{id}/accept} and {@code …/reject}: either the devices
 * by name, or {@code all} for every device that awaits review.
 */
public record DecisionRequest(
    @Nullable List<@Nullable String> deviceNames, @Nullable Boolean all) {}
