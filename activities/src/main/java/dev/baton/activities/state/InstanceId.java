package dev.baton.activities.state;

import java.io.Serializable;

/** Key of {@link InstanceEntity}: app, service, revision and slot. */
public record InstanceId(String app, String service, int revision, int slot)
    implements Serializable {}
