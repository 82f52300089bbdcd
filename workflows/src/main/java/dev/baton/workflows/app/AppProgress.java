package dev.baton.workflows.app;

import java.util.List;

/** The app controller's view: the running operation and the queue behind it. */
public record AppProgress(
    String app, int lastRevision, int currentRevision, String running, List<String> queued) {}
