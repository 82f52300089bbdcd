package dev.baton.service.config;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Makes Tomcat's own error pages problem+json ({@link ProblemErrorValve}). Runs after Spring Boot's
 * customizer, which adds a plain HTML ErrorReportValve to the host: that one is taken out so only
 * this one reports.
 */
@Component
public class ProblemErrorPages
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          if (context.getParent() instanceof StandardHost host) {
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorValve)) {
                host.getPipeline().removeValve(valve);
              }
            }
            // Named as well, so the host does not add its default one when it starts.
            host.setErrorReportValveClass(ProblemErrorValve.class.getName());
            host.getPipeline().addValve(new ProblemErrorValve());
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
