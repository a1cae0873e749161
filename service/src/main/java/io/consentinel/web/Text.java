package io.consentinel.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field of a typed request body, under the same rule as {@link JsonFields#text}: when present, a
 * non-blank string of at most {@link JsonFields#MAX_TEXT} storable characters. Null passes (optional).
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Text.Check.class)
public @interface Text {

    String message() default "must be a non-empty string";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports the one problem {@link JsonFields#text} would report, never quoting the value. */
    class Check implements ConstraintValidator<Text, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String problem = value == null ? null : JsonFields.textProblem(value);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
