package dev.baton.workflows.model;

/** A numbered, immutable version of an app's spec. */
public record Revision(int number, AppSpec spec, String digest, String yaml) {}
