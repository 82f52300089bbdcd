package dev.baton.service.api;

import dev.baton.activities.secrets.SecretStore;
import dev.baton.activities.state.HostRegistry;
import dev.baton.service.apps.AppReadRepository;
import dev.baton.service.apps.RevisionWarnings;
import dev.baton.service.audit.AuditLog;
import dev.baton.service.auth.TokenAuthenticator;
import dev.baton.service.backups.BackupReadRepository;
import dev.baton.service.balancers.BalancerReadRepository;
import dev.baton.service.control.AppOperations;
import dev.baton.service.control.ControllerSeedRepository;
import dev.baton.service.control.FleetOperations;
import dev.baton.service.hosts.HostReadRepository;
import dev.baton.service.operations.OperationReadRepository;
import dev.baton.service.plan.Planner;
import dev.baton.service.tokens.ApiTokens;
import dev.baton.service.volumes.VolumeReadRepository;
import dev.baton.workflows.ports.StateActivities;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** One shared web-layer context (so the tests that use it boot it once). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(properties = "baton.temporal-ui-url=http://temporal-ui")
@ContextConfiguration(classes = WebLayerTestApp.class)
@MockitoBean(
    types = {
      AppOperations.class,
      FleetOperations.class,
      AppReadRepository.class,
      BalancerReadRepository.class,
      VolumeReadRepository.class,
      OperationReadRepository.class,
      HostReadRepository.class,
      ControllerSeedRepository.class,
      StateActivities.class,
      HostRegistry.class,
      TokenAuthenticator.class,
      ApiTokens.class,
      AuditLog.class,
      Planner.class,
      SecretStore.class,
      RevisionWarnings.class,
      BackupReadRepository.class
    })
@interface WebLayerTest {}
