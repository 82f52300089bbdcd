/**
 * An app's named volumes: where each lives and how big it is. Types here are non-null unless marked
 * {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.volumes;

import org.jspecify.annotations.NullMarked;
