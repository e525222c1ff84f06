package org.otklik.notice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.otklik.common.LocalizedText;
import org.otklik.common.problem.Problem.FieldError;
import org.otklik.common.problem.ProblemException;
import org.otklik.common.problem.ProblemType;
import org.otklik.routing.ReferenceSnapshot;

/** Checks a notice's content as a whole, so that one answer names every invalid field. */
final class NoticeValidator {

    static final int MAX_TITLE = 300;
    static final int MAX_TEXT = 5000;
    static final int MAX_ADDRESSES = 20;
    static final int MAX_ADDRESS = 300;
    static final int MAX_RADIUS = 50_000;

    private NoticeValidator() {
    }

    /**
     * @param organization the organisation the notice will belong to (the executor's own when it gave none)
     * @throws ProblemException 400 with every invalid field
     */
    static void validate(NoticeRequest request, String organization, ReferenceSnapshot reference) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ProblemException(ProblemType.VALIDATION, "The notice is missing.",
                    List.of(FieldError.atPointer("", "a notice is required")), Map.of());
        }
        localized(request.title(), "/title", MAX_TITLE, errors);
        localized(request.text(), "/text", MAX_TEXT, errors);
        if (request.kind() == null) {
            errors.add(FieldError.atPointer("/kind", "is required"));
        }
        if (request.categoryCode() == null) {
            errors.add(FieldError.atPointer("/categoryCode", "is required"));
        } else if (reference.category(request.categoryCode()).isEmpty()) {
            errors.add(FieldError.atPointer("/categoryCode", "unknown category"));
        }
        List<String> districts = Optional.ofNullable(request.districtCodes()).orElse(List.of());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < districts.size(); i++) {
            String code = districts.get(i);
            if (code == null || reference.district(code).isEmpty()) {
                errors.add(FieldError.atPointer("/districtCodes/" + i, "unknown district"));
            } else if (!seen.add(code)) {
                errors.add(FieldError.atPointer("/districtCodes/" + i, "listed twice"));
            }
        }
        List<String> addresses = Optional.ofNullable(request.addresses()).orElse(List.of());
        if (addresses.size() > MAX_ADDRESSES) {
            errors.add(FieldError.atPointer("/addresses", "at most " + MAX_ADDRESSES + " addresses"));
        }
        for (int i = 0; i < Math.min(addresses.size(), MAX_ADDRESSES); i++) {
            String address = addresses.get(i);
            if (address == null || address.isBlank() || address.length() > MAX_ADDRESS) {
                errors.add(FieldError.atPointer("/addresses/" + i, "must be 1 to " + MAX_ADDRESS + " characters"));
            }
        }
        NoticeRequest.Area area = request.area();
        if (area != null) {
            if (area.lat() == null || area.lat() < -90 || area.lat() > 90) {
                errors.add(FieldError.atPointer("/area/lat", "must be a latitude between -90 and 90"));
            }
            if (area.lon() == null || area.lon() < -180 || area.lon() > 180) {
                errors.add(FieldError.atPointer("/area/lon", "must be a longitude between -180 and 180"));
            }
            if (area.radiusMeters() == null || area.radiusMeters() < 1 || area.radiusMeters() > MAX_RADIUS) {
                errors.add(FieldError.atPointer("/area/radiusMeters", "must be 1 to " + MAX_RADIUS + " metres"));
            }
        }
        if (request.startsAt() == null) {
            errors.add(FieldError.atPointer("/startsAt", "is required"));
        }
        if (request.endsAt() == null) {
            errors.add(FieldError.atPointer("/endsAt", "is required"));
        } else if (request.startsAt() != null && !request.endsAt().isAfter(request.startsAt())) {
            errors.add(FieldError.atPointer("/endsAt", "must be after startsAt"));
        }
        if (organization == null) {
            errors.add(FieldError.atPointer("/organizationCode", "is required"));
        } else if (reference.organization(organization).isEmpty()) {
            errors.add(FieldError.atPointer("/organizationCode", "unknown organisation"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION,
                    errors.size() == 1 ? "1 field is not valid." : errors.size() + " fields are not valid.", errors, Map.of());
        }
    }

    private static void localized(LocalizedText value, String pointer, int max, List<FieldError> errors) {
        if (value == null) {
            errors.add(FieldError.atPointer(pointer, "is required"));
            return;
        }
        if (value.ru() == null || value.ru().isBlank() || value.ru().length() > max) {
            errors.add(FieldError.atPointer(pointer + "/ru", "must be 1 to " + max + " characters"));
        }
        if (value.en() != null && (value.en().isBlank() || value.en().length() > max)) {
            errors.add(FieldError.atPointer(pointer + "/en", "must be 1 to " + max + " characters, or left out"));
        }
    }
}
