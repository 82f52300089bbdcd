package dev.baton.service.apps;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.service.balancers.BalancerView;
import dev.baton.service.operations.OperationView;
import java.util.List;

/**
 * {@code GET /apps/{app}}: the app, its instances (which are in service), its services' balancers
 * on every host (where each answers, over how many instances) and its ten newest operations.
 */
public record AppDetail(
    @JsonUnwrapped AppHeader app,
    List<InstanceView> instances,
    List<BalancerView> balancers,
    List<OperationView> operations) {}
