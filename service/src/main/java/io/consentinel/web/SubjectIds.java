package io.consentinel.web;

/** The one rule for subject ids taken from a path: 1 to 200 characters of storable text. */
public final class SubjectIds {

    public static final int MAX_LENGTH = 200;

    private SubjectIds() {}

    public static String require(String subjectId) {
        if (subjectId.isBlank() || subjectId.length() > MAX_LENGTH || !StorableText.isStorable(subjectId)) {
            throw ProblemException.badRequest(
                    "subjectId must be 1 to " + MAX_LENGTH + " characters and " + StorableText.PROBLEM);
        }
        return subjectId;
    }
}
