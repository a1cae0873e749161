package io.consentinel.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lifts the async request timeout (30 s by default) for exports only. A StreamingResponseBody runs as async
 * processing, and the container would cut an export of millions of decisions off mid-stream. An export
 * still ends: when its last row is written, or when the client stops reading and a write fails.
 */
@Configuration(proxyBeanMethods = false)
class ExportTimeouts implements WebMvcConfigurer {

    private static final String NO_TIMEOUT = ExportTimeouts.class.getName() + ".none";

    static void disableFor(HttpServletRequest request) {
        request.setAttribute(NO_TIMEOUT, Boolean.TRUE);
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerCallableInterceptors(new CallableProcessingInterceptor() {
            @Override
            public <T> void beforeConcurrentHandling(NativeWebRequest request, Callable<T> task) {
                // Runs before async processing starts, the last moment the timeout may change.
                if (request.getAttribute(NO_TIMEOUT, RequestAttributes.SCOPE_REQUEST) != null
                        && request instanceof AsyncWebRequest async) {
                    async.setTimeout(-1L);
                }
            }
        });
    }
}
