/**
 * Baton's runtime state in PostgreSQL (schema: {@code db/migrations}).
 *
 * <p>Writes are idempotent SQL upserts ({@code INSERT ... ON CONFLICT}): native queries of the
 * repositories here, called by {@link dev.baton.activities.state.JpaStateActivities}, and {@link
 * dev.baton.activities.state.HostRegistry}'s. The JPA entities and the repositories' reads are the
 * read model for the API and the dashboard. A Spring Boot app picks all of it up with
 * {@code @Import(StateConfiguration.class)}.
 *
 * <p>An entity's columns are named by its fields (Spring Boot's camelCase to snake_case naming),
 * and its constraints (not null, unique, keys) are the schema's: Hibernate validates the entities
 * against it at startup. An entity maps only what a query or its own conversion reads.
 */
package dev.baton.activities.state;
