/**
 * Operations: status with live progress, long-poll, the event log and its stream, steering. Types
 * here are non-null unless marked {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.operations;

import org.jspecify.annotations.NullMarked;
