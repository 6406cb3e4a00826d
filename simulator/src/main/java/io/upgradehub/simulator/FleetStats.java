package io.upgradehub.simulator;

/**
 * A snapshot of a {@link Fleet}'s counters.
 *
 * @param devices devices in the fleet
 * @param connected devices connected now
 * @param connectFailures connection attempts that failed
 * @param messagesSent messages the broker acknowledged (QoS 1 PUBACK)
 * @param sendFailures messages that could not be sent
 * @param messagesReceived commands received ({@code upgrade}, {@code cancel})
 * @param upgradesSucceeded jobs that ended with the target version informed
 * @param upgradesFailed jobs that ended with a failure code
 * @param upgradesCancelled jobs stopped by a {@code cancel}
 * @param reconnects connections re-opened after the device had been connected
 * @param requests {@code request} messages sent (after connects, and after an expired URL)
 * @param resumedDownloads download requests that continued a partial file with {@code Range}
 */
public record FleetStats(
    int devices,
    long connected,
    long connectFailures,
    long messagesSent,
    long sendFailures,
    long messagesReceived,
    long upgradesSucceeded,
    long upgradesFailed,
    long upgradesCancelled,
    long reconnects,
    long requests,
    long resumedDownloads) {}
