/**
 * Docker hosts: list, detail with instances, add, drain, activate, remove. Types here are non-null
 * unless marked {@code @Nullable}; the OpenAPI document says so.
 */
@NullMarked
package dev.baton.service.hosts;

import org.jspecify.annotations.NullMarked;
