package dev.baton.workflows.model;

/**
 * A secret or config written into each container of a service before it starts, at {@code target}
 * with {@code uid}, {@code gid} and {@code mode}. The spec carries only a reference: {@code scope}
 * (the app, or empty for a value stored beforehand with {@code PUT /secrets/{name}}), {@code name}
 * and {@code digest}, a keyed hash of the value that changes when the value does (so a changed
 * value is a new revision) and says nothing of it. The value itself is in Baton's encrypted store.
 */
public record FileMount(
    Kind kind,
    String scope,
    String name,
    String digest,
    String target,
    String uid,
    String gid,
    int mode) {

  public enum Kind {
    SECRET,
    CONFIG
  }
}
