package io.upgradehub.testsupport;

import io.upgradehub.events.products.ProductRegistered;
import io.upgradehub.events.products.ProductTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@code product.registered} to a real Kafka broker exactly as inventory-service's outbox
 * does (same envelope, key and headers), for the tests of the services that keep a product list
 * from {@link ProductTopics#PRODUCT_EVENTS}. Creates the topic compacted, as inventory-service
 * does, when it is missing.
 */
public final class ProductEvents implements AutoCloseable {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String bootstrapServers;
  private final KafkaProducer<String, String> producer;

  public ProductEvents(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    createTopic();
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer());
  }

  /**
   * Publishes that the product exists with the module {@code default} and {@code modules}, and
   * waits for the broker's acknowledgement.
   *
   * @param productKey 1–64 of {@code A-Z a-z 0-9 _ -}
   * @param modules further module names, same characters
   */
  public void register(String productKey, String... modules) {
    List<String> names = new ArrayList<>(List.of("default"));
    for (String module : modules) {
      if (!names.contains(module)) {
        names.add(module);
      }
    }
    for (String name : names) {
      requireName(name);
    }
    requireName(productKey);
    String id = UUID.randomUUID().toString();
    String at = Instant.now().toString();
    String modulesJson = "[\"" + String.join("\",\"", names) + "\"]";
    String envelope =
        """
        {"id":"%s","type":"%s","version":%d,"source":"%s","time":"%s","subject":"%s",\
        "data":{"productKey":"%s","name":"%s","modules":%s,"at":"%s"}}"""
            .formatted(
                id,
                ProductRegistered.TYPE,
                ProductRegistered.VERSION,
                ProductTopics.SOURCE,
                at,
                productKey,
                productKey,
                productKey,
                modulesJson,
                at);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(ProductTopics.PRODUCT_EVENTS, productKey, envelope);
    record.headers().add("event-id", bytes(id));
    record.headers().add("event-type", bytes(ProductRegistered.TYPE));
    record.headers().add("event-version", bytes(String.valueOf(ProductRegistered.VERSION)));
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not take product.registered " + productKey, e);
    }
  }

  private void createTopic() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(ProductTopics.PRODUCT_EVENTS, ProductTopics.PARTITIONS, (short) 1)
                      .configs(
                          Map.of(
                              TopicConfig.CLEANUP_POLICY_CONFIG,
                              TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create " + ProductTopics.PRODUCT_EVENTS, e);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create " + ProductTopics.PRODUCT_EVENTS, e);
    }
  }

  private static void requireName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a product key or module name: " + name);
    }
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
