/**
 * The products this service knows, kept from inventory-service's product topic, and the check that
 * refuses a package for an unknown product or module.
 */
package io.upgradehub.packages.product;
