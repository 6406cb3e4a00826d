package io.upgradehub.campaign.transfer;

import java.time.Instant;

/**
 * A decision under way: stored on the transfer before its devices are changed, and cleared with the
 * write that records it and its event. One left behind by an instance that stopped midway is
 * finished by {@link UnfinishedDecisions}: the devices it moved carry its id.
 *
 * @param requested the devices it named; 0 for {@code all}
 */
record PendingDecision(
    String id, String action, boolean all, long requested, String by, Instant at) {}
