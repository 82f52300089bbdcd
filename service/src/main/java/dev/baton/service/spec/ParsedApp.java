package dev.baton.service.spec;

import dev.baton.workflows.model.AppSpec;
import java.util.List;

/**
 * The result of parsing a Compose file.
 *
 * @param spec Baton's model of the app
 * @param canonicalJson the spec as JSON with sorted keys and no whitespace
 * @param digest {@code sha256:} + hex SHA-256 of {@code canonicalJson}: equal specs have equal
 *     digests
 * @param warnings what was accepted but not as written (ignored keys, unset variables), by line
 * @param resolved the Compose file as Baton read it: variables filled in, env files merged into
 *     environment, extends and merge keys expanded, services of unchosen profiles left out (what
 *     {@code docker compose config} prints); a revision keeps this, so it deploys again alike. A
 *     file that needs none of that is kept as written, comments included
 * @param secrets the values of secrets and configs the request brought, stored when the deploy is
 *     accepted (the spec refers to them by digest)
 */
public record ParsedApp(
    AppSpec spec,
    String canonicalJson,
    String digest,
    List<SpecError> warnings,
    String resolved,
    List<SecretValue> secrets) {}
