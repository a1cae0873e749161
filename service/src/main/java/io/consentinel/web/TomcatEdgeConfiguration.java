package io.consentinel.web;

import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Makes Tomcat's own error answers problem details: its host's error report valve is replaced by
 * {@link ProblemErrorReportValve}. Ordered last, after Spring Boot's customizer, which adds a plain
 * {@link ErrorReportValve} of its own to the host.
 */
@Configuration(proxyBeanMethods = false)
class TomcatEdgeConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new Customizer();
    }

    private static final class Customizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> useProblemValve(context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static void useProblemValve(Container parent) {
        if (!(parent instanceof Host host)) {
            return;
        }
        if (host instanceof StandardHost standard) {
            // A host that starts later adds its valve class unless one is already there.
            standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        boolean present = false;
        for (Valve valve : host.getPipeline().getValves()) {
            present |= valve instanceof ProblemErrorReportValve;
        }
        if (!present) {
            host.getPipeline().addValve(new ProblemErrorReportValve());
        }
    }
}
