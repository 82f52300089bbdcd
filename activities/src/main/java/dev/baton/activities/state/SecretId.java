package dev.baton.activities.state;

import java.io.Serializable;

/** Key of {@link SecretEntity}: one value of a secret or config. */
public record SecretId(String scope, String kind, String name, String digest)
    implements Serializable {}
