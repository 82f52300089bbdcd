package dev.baton.activities.state;

import java.io.Serializable;

/** Key of {@link VolumeEntity}: an app's named volume. */
public record VolumeId(String app, String volume) implements Serializable {}
