package io.upgradehub.campaign.batch;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/packages/{id}/verifications}, checked by {@link BatchRequests}.
 *
 * @param fromVersions required: the module versions to upgrade from
 * @param mode {@code PUSH} (default) or {@code PULL}
 * @param deviceNames required: 1–100 devices of the package's product, each on a from-version
 * @param timeoutMinutes 1–1440, default 60
 */
public record VerificationRequest(
    @Nullable List<String> fromVersions,
    @Nullable String mode,
    @Nullable List<String> deviceNames,
    @Nullable Integer timeoutMinutes) {}
