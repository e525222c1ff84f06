package org.otklik.poll.definition;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.otklik.common.LocalizedText;
import org.otklik.common.problem.FieldErrors;
import org.otklik.poll.definition.PollRequest.QuestionRequest;

/** Checks a whole {@link PollRequest} at once and turns it into a {@link PollDefinition}. */
public final class PollDefinitionValidator {

    static final int MAX_QUESTIONS = 50;

    private PollDefinitionValidator() {
    }

    public static PollDefinition validate(PollRequest request, Set<String> knownDistricts) {
        FieldErrors errors = new FieldErrors();
        if (request == null) {
            errors.add("", "a poll definition is required");
            errors.throwIfAny();
        }
        text(request.title(), "/title", 300, true, errors);
        text(request.description(), "/description", 5000, false, errors);
        time(request.opensAt(), "/opensAt", errors);
        time(request.closesAt(), "/closesAt", errors);
        if (request.opensAt() != null && request.closesAt() != null && !request.closesAt().isAfter(request.opensAt())) {
            errors.add("/closesAt", "must be later than opensAt");
        }
        Eligibility eligibility = eligibility(request.eligibility(), knownDistricts, errors);
        List<Question> questions = new ArrayList<>();
        if (request.questions() == null || request.questions().isEmpty()) {
            errors.add("/questions", "a poll needs at least one question");
        } else if (request.questions().size() > MAX_QUESTIONS) {
            errors.add("/questions", "a poll has at most " + MAX_QUESTIONS + " questions");
        } else {
            for (int i = 0; i < request.questions().size(); i++) {
                Question question = question(request.questions().get(i), "q" + (i + 1), "/questions/" + i, errors);
                if (question != null) {
                    questions.add(question);
                }
            }
        }
        if (Boolean.FALSE.equals(request.secret())) {
            errors.add("/secret", "every ballot is sealed until the close and opened unlinked from its voter: a poll cannot "
                    + "be made non-secret (leave secret out)");
        }
        errors.throwIfAny();
        return new PollDefinition(trimmed(request.title()), trimmed(request.description()), eligibility,
                request.resultsPolicy() == null ? ResultsPolicy.AFTER_CLOSE : request.resultsPolicy(),
                true,
                request.allowRevote() != null && request.allowRevote(),
                List.copyOf(questions));
    }

    private static Eligibility eligibility(Eligibility requested, Set<String> knownDistricts, FieldErrors errors) {
        if (requested == null) {
            return new Eligibility(List.of(), null);
        }
        List<String> districts = new ArrayList<>();
        if (requested.districts() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < requested.districts().size(); i++) {
                String district = requested.districts().get(i);
                String pointer = "/eligibility/districts/" + i;
                if (district == null || !knownDistricts.contains(district)) {
                    errors.add(pointer, "unknown district");
                } else if (!seen.add(district)) {
                    errors.add(pointer, "listed twice");
                } else {
                    districts.add(district);
                }
            }
        }
        if (requested.minAge() != null && (requested.minAge() < 0 || requested.minAge() > 120)) {
            errors.add("/eligibility/minAge", "must be between 0 and 120");
        }
        districts.sort(null);
        return new Eligibility(List.copyOf(districts), requested.minAge());
    }

    private static Question question(QuestionRequest request, String id, String pointer, FieldErrors errors) {
        if (request == null) {
            errors.add(pointer, "must be an object");
            return null;
        }
        text(request.title(), pointer + "/title", 500, true, errors);
        if (request.type() == null) {
            errors.add(pointer + "/type", "must be present");
            return null;
        }
        return request.type().kind().define(request, id, trimmed(request.title()),
                request.required() == null || request.required(), pointer, errors);
    }

    static final OffsetDateTime EARLIEST = OffsetDateTime.parse("2000-01-01T00:00:00Z");
    static final OffsetDateTime LATEST = OffsetDateTime.parse("2100-01-01T00:00:00Z");

    public static void time(OffsetDateTime time, String pointer, FieldErrors errors) {
        if (time == null) {
            errors.add(pointer, "must be present");
        } else if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            errors.add(pointer, "must lie between 2000 and 2100");
        }
    }

    static void text(LocalizedText text, String pointer, int maxLength, boolean required, FieldErrors errors) {
        if (text == null) {
            if (required) {
                errors.add(pointer, "must be present");
            }
            return;
        }
        if ((text.ru() != null && text.ru().indexOf('\0') >= 0) || (text.en() != null && text.en().indexOf('\0') >= 0)) {
            errors.add(pointer, "must not contain NUL characters");
        } else if (text.ru() == null || text.ru().isBlank()) {
            errors.add(pointer + "/ru", "must not be blank");
        } else if (length(text.ru()) > maxLength) {
            errors.add(pointer + "/ru", "must be at most " + maxLength + " characters");
        }
        if (text.en() != null && (text.en().isBlank() || length(text.en()) > maxLength)) {
            errors.add(pointer + "/en", "must be 1–" + maxLength + " characters when present");
        }
    }

    /**
     * The length as the contract counts it (JSON Schema's maxLength: characters, before any trimming), so that a
     * text the contract refuses is refused here too.
     */
    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static LocalizedText trimmed(LocalizedText text) {
        if (text == null) {
            return null;
        }
        return new LocalizedText(text.ru() == null ? null : text.ru().strip(), text.en() == null ? null : text.en().strip());
    }
}
