package io.consentinel.zones;

/**
 * The pseudonym of a subject id, as stored in {@code decisions.subject_ref} and carried by the log entries.
 *
 * <p>The pseudonymiser provides the bean. The audit integrity check uses it, when present, to tell that a
 * decision's {@code subject_id} was not swapped behind the service's back: it must be either the subject
 * ref itself (erased) or a subject id whose pseudonym is the subject ref.
 */
@FunctionalInterface
public interface SubjectPseudonyms {

    String of(String subjectId);
}
