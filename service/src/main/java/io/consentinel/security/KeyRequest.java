package io.consentinel.security;

import io.consentinel.web.Text;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The body of {@code POST /v1/api-keys}. Every problem is reported at once, each at its field's pointer: a
 * role that is missing or unknown, an app key without an appId, an appId on any other key.
 */
@KeyRequest.RoleFitsApp
record KeyRequest(
        @NotNull(message = "is required") String role,
        @Text String appId,
        @Text String name) {

    Role parsedRole() {
        return role == null ? null : Role.fromWire(role);
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = RoleFitsApp.Check.class)
    @interface RoleFitsApp {

        String message() default "must be one of app, collector, officer, admin";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<RoleFitsApp, KeyRequest> {

            @Override
            public boolean isValid(KeyRequest request, ConstraintValidatorContext context) {
                if (request.role() == null) {
                    return true; // @NotNull says so
                }
                context.disableDefaultConstraintViolation();
                Role role = request.parsedRole();
                if (role == null) {
                    return problem(context, "role", "must be one of app, collector, officer, admin");
                }
                if (role == Role.APP && request.appId() == null) {
                    return problem(context, "appId", "is required");
                }
                if (role != Role.APP && request.appId() != null) {
                    return problem(context, "appId", "only app keys are bound to an appId");
                }
                return true;
            }

            private static boolean problem(ConstraintValidatorContext context, String field, String detail) {
                context.buildConstraintViolationWithTemplate(detail)
                        .addPropertyNode(field)
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
