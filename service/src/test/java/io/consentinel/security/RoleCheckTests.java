package io.consentinel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.web.ProblemException;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;

/** The per-handler role check, on handlers the application does not have: with and without {@code @Allowed}. */
class RoleCheckTests {

    private final RoleCheck check = new RoleCheck();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/anything");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCallerWhoseRoleIsAllowedPasses() throws Exception {
        signIn(Role.COLLECTOR);

        assertThat(check.preHandle(request, response, handler("appOrCollector")))
                .isTrue();
    }

    @Test
    void aCallerWhoseRoleIsNotAllowedIsForbiddenAndToldWhichRoleItHas() throws Exception {
        signIn(Role.OFFICER);

        assertThatThrownBy(() -> check.preHandle(request, response, handler("appOrCollector")))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(403);
                    assertThat(problem.getBody().getDetail()).isEqualTo("The officer role may not do this");
                });
    }

    @Test
    void aHandlerWithoutAllowedIsDeniedEvenToAnAdmin() throws Exception {
        signIn(Role.ADMIN);

        assertThatThrownBy(() -> check.preHandle(request, response, handler("unguarded")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(403));
    }

    @Test
    void theControllersRolesApplyWhenTheMethodNamesNone() throws Exception {
        signIn(Role.OFFICER);
        HandlerMethod officersOnly =
                new HandlerMethod(new OfficersOnly(), OfficersOnly.class.getDeclaredMethod("read"));

        assertThat(check.preHandle(request, response, officersOnly)).isTrue();
        signIn(Role.APP);
        assertThatThrownBy(() -> check.preHandle(request, response, officersOnly))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void anAnonymousRequestToAHandlerIsUnauthorizedWithABearerChallenge() throws Exception {
        assertThatThrownBy(() -> check.preHandle(request, response, handler("appOrCollector")))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(401);
                    assertThat(problem.getHeaders().getFirst("WWW-Authenticate"))
                            .isEqualTo("Bearer");
                });
    }

    @Test
    void whatNoHandlerMethodServesAndLaterDispatchesAreLeftToSpringMvc() throws Exception {
        assertThat(check.preHandle(request, response, new Object())).isTrue();
        request.setDispatcherType(DispatcherType.ASYNC);
        assertThat(check.preHandle(request, response, handler("appOrCollector")))
                .isTrue();
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
    }

    private static void signIn(Role role) {
        Caller caller = new Caller("key-" + role.wireName(), role, role == Role.APP ? "an-app" : null);
        SecurityContextHolder.getContext().setAuthentication(ApiKeyAuthentication.authenticated(caller, "hash"));
    }

    static class Handlers {

        @Allowed({Role.APP, Role.COLLECTOR})
        void appOrCollector() {}

        void unguarded() {}
    }

    @Allowed(Role.OFFICER)
    static class OfficersOnly {

        void read() {}
    }
}
