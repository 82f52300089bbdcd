package dev.baton.service.spec;

import dev.baton.workflows.model.AppSpec;

/**
 * The result of parsing a Compose file.
 *
 * @param spec Baton's model of the app
 * @param canonicalJson the spec as JSON with sorted keys and no whitespace
 * @param digest {@code sha256:} + hex SHA-256 of {@code canonicalJson}: equal specs have equal
 *     digests
 */
public record ParsedApp(AppSpec spec, String canonicalJson, String digest) {}
