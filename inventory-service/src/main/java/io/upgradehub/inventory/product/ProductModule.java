package io.upgradehub.inventory.product;

import org.jspecify.annotations.Nullable;

/**
 * A separately upgradable part of a product's devices, such as {@code default} (module firmware) or
 * {@code mcu}.
 *
 * @param name 1-32 of A-Z a-z 0-9 _ -, unique within the product
 * @param description optional, at most 256 characters
 */
public record ProductModule(String name, @Nullable String description) {}
