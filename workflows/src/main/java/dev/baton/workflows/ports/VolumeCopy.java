package dev.baton.workflows.ports;

import dev.baton.workflows.model.VolumeSpec;

/**
 * One named volume to copy from {@code fromHost} to {@code toHost}: {@code key} is its key in the
 * app's records, {@code name} its name on the engines, {@code image} an image present on both hosts
 * (the service's) for the throwaway containers that mount it.
 */
public record VolumeCopy(
    String app,
    String key,
    String name,
    VolumeSpec volume,
    String image,
    String fromHost,
    String toHost) {}
