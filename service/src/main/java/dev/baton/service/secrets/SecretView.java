package dev.baton.service.secrets;

/**
 * A secret stored beforehand, never its value: {@code digest} is a keyed hash that changes with the
 * value (a deploy that uses the secret after a change is a new revision).
 */
public record SecretView(String name, String digest) {}
