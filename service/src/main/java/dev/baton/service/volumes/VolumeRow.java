package dev.baton.service.volumes;

import java.time.Instant;

/** A row of {@code volumes}: an app's named volume and the host it lives on. */
public record VolumeRow(String app, String volume, String host, String name, Instant createdAt) {}
