package dev.baton.activities.state;

import java.io.Serializable;

/** Key of {@link BalancerEntity}: a host's balancer of an app's service. */
public record BalancerId(String host, String app, String service) implements Serializable {}
