/**
 * The transactional outbox without multi-document transactions: a service stores the events of a
 * state change inside the changed document ({@link io.upgradehub.outbox.Outbox}), and {@link
 * io.upgradehub.outbox.OutboxRelay} publishes them to Kafka and then removes them. A service uses
 * it by declaring an {@link io.upgradehub.outbox.OutboxSource} per collection and importing {@link
 * io.upgradehub.outbox.OutboxConfiguration}.
 */
package io.upgradehub.outbox;
