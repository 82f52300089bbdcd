/**
 * Apps: list, detail, deploys (a Compose file or new images), scale, rollback, revisions, delete.
 * Types here are non-null unless marked {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.apps;

import org.jspecify.annotations.NullMarked;
