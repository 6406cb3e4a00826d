/**
 * Event contracts of inventory-service's products (topic {@link
 * io.upgradehub.events.products.ProductTopics#PRODUCT_EVENTS}), keyed by product key.
 */
package io.upgradehub.events.products;
