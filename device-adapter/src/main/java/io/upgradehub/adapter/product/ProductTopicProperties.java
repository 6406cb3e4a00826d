package io.upgradehub.adapter.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the adapter reads the product topic.
 *
 * @param loadTimeout how long the start may wait to read the topic up to its end; past it the
 *     adapter fails to start rather than drop the messages of products it has not read yet
 * @param pollTimeout how long one poll of the topic waits for new products
 */
@ConfigurationProperties("upgradehub.products")
public record ProductTopicProperties(
    @DefaultValue("2m") Duration loadTimeout, @DefaultValue("1s") Duration pollTimeout) {}
