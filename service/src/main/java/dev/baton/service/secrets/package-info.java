/**
 * Secrets stored beforehand for Compose's {@code external: true} ({@code PUT /secrets/{name}},
 * admin), and the store as the Compose reader sees it. Types here are non-null unless marked
 * {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.secrets;

import org.jspecify.annotations.NullMarked;
