/** Reads policy documents (YAML or JSON), reports every mistake with a JSON pointer, and compiles valid ones into a {@link io.consentinel.decision.Policy}. */
package io.consentinel.policy;
