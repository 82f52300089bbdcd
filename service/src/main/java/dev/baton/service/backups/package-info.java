/**
 * Backups of an app's named volumes: list, back up, restore. Types here are non-null unless marked
 * {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.backups;

import org.jspecify.annotations.NullMarked;
