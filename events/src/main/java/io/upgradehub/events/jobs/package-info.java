/**
 * Event contracts of campaign-service's device upgrade jobs (topic {@link
 * io.upgradehub.events.jobs.JobTopics#JOB_EVENTS}), keyed by the device ({@code
 * productKey/deviceName}).
 */
package io.upgradehub.events.jobs;
