/**
 * API tokens: issue, list, revoke, and who the caller is. Types here are non-null unless marked
 * {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.tokens;

import org.jspecify.annotations.NullMarked;
