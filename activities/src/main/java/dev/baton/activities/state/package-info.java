/**
 * Baton's runtime state in PostgreSQL (schema: {@code db/migrations}).
 *
 * <p>Writes are idempotent SQL upserts ({@code INSERT ... ON CONFLICT}) in {@link
 * dev.baton.activities.state.JpaStateActivities} and {@link
 * dev.baton.activities.state.HostRegistry}; the JPA entities and repositories here are the read
 * model for the API and the dashboard. A Spring Boot app picks all of it up with
 * {@code @Import(StateConfiguration.class)}.
 */
package dev.baton.activities.state;
