package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.job.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * How a batch's devices are upgraded, checked: how fast, what a failure gets, how long a device may
 * take, how it learns of its job, and when the batch pauses by itself.
 *
 * @param ratePerMinute devices started per minute at most
 * @param policy retries, their interval and the device timeout
 * @param abort when the batch pauses by itself; null for never
 */
public record UpgradeSettings(
    int ratePerMinute, RetryPolicy policy, NotificationMode mode, @Nullable AbortRule abort) {}
