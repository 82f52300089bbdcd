package dev.baton.activities.state;

import java.io.Serializable;

/** Key of {@link RevisionEntity}: an app and its revision number. */
public record RevisionId(String app, int number) implements Serializable {}
