/**
 * Event contracts of campaign-service's batches and of the packages' verification (topic {@link
 * io.upgradehub.events.batches.BatchTopics#BATCH_EVENTS}).
 */
package io.upgradehub.events.batches;
