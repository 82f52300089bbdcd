/**
 * What every resource shares: errors as problem+json, roles, links, name and wait rules. Types here
 * are non-null unless marked {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.api;

import org.jspecify.annotations.NullMarked;
