package dev.baton.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a service's {@code volumes:}. A VOLUME mounts a named volume ({@code source} is its
 * key in the file, {@code volume} how it is made) and pins the instance to the volume's host; with
 * {@code perSlot} ({@code x-baton.volume_per_replica}) each slot has a volume of its own. A BIND
 * mounts a host path an admin allowed; a TMPFS is memory only.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Mount(
    Type type,
    String source,
    String target,
    boolean readOnly,
    boolean noCopy,
    long tmpfsSizeBytes,
    VolumeSpec volume,
    boolean perSlot) {

  public enum Type {
    VOLUME,
    BIND,
    TMPFS
  }

  public boolean named() {
    return type == Type.VOLUME;
  }

  /** The volume's key in Baton's records: the file's key, with the slot when one per slot. */
  public String key(int slot) {
    return perSlot ? source + "-" + slot : source;
  }

  /** The volume's name on its engine. */
  public String dockerName(int slot) {
    return perSlot ? volume.name() + "-" + slot : volume.name();
  }
}
