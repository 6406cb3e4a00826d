package io.upgradehub.campaign.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance works its batches.
 *
 * @param enabled whether it works them at all; off only in tests that drive {@link Dispatcher}
 *     themselves with a controllable clock
 * @param tick how long the scheduler waits between rounds over the active batches
 * @param sweepInterval the shortest pause between two checks of a batch's jobs for timeouts and due
 *     retries (a query over the batch's jobs, so not every tick); a batch whose shortest wait
 *     (timeout or retry interval) is long is checked every twentieth of it
 * @param chunk jobs started, released or canceled in one bulk write
 */
@ConfigurationProperties("upgradehub.campaigns.scheduler")
public record SchedulerProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("100ms") Duration tick,
    @DefaultValue("5s") Duration sweepInterval,
    @DefaultValue("500") int chunk) {}
