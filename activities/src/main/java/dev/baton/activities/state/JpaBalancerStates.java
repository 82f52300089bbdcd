package dev.baton.activities.state;

import dev.baton.activities.BalancerStates;
import org.springframework.stereotype.Component;

/** The {@link BalancerStates} in {@code balancers}. */
@Component
public class JpaBalancerStates implements BalancerStates {
  private final BalancerRepository balancers;

  public JpaBalancerStates(BalancerRepository balancers) {
    this.balancers = balancers;
  }

  @Override
  public void saw(BalancerState s) {
    balancers.save(
        s.host(),
        s.app(),
        s.service(),
        s.containerId(),
        s.state(),
        s.servers(),
        s.listens(),
        s.detail(),
        s.configSha256());
  }

  @Override
  public void changing(String host, String app, String service) {
    balancers.forgetConfig(host, app, service);
  }

  @Override
  public boolean stillGiven(
      String host, String app, String service, String containerId, String configSha256) {
    return balancers.countGiven(host, app, service, containerId, configSha256) > 0;
  }

  @Override
  public void forget(String app) {
    balancers.deleteByApp(app);
  }
}
