package io.upgradehub.campaign.batch;

import java.util.Map;

/**
 * What a batch would do if created now (a dry run).
 *
 * @param considered devices of the scope that inventory-service has
 * @param devices devices that would be upgraded
 * @param byFromVersion of those, how many run each from-version
 * @param excluded devices of the scope left out, by reason (every reason present)
 * @param bytes what the upgraded devices would download in all
 */
public record PreviewResponse(
    long considered,
    long devices,
    Map<String, Long> byFromVersion,
    Map<Exclusion, Long> excluded,
    long bytes) {}
