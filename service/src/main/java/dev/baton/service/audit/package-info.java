/**
 * The audit log of every write: who, what, and the answer. Types here are non-null unless marked
 * {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.audit;

import org.jspecify.annotations.NullMarked;
