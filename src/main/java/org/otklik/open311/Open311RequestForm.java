package org.otklik.open311;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.otklik.common.problem.ProblemException;
import org.otklik.common.web.WebLinks;
import org.otklik.incident.FeedbackRequest;
import org.otklik.open311.Open311Views.Attribute;
import org.otklik.routing.Category;

/**
 * Reads the form of POST requests into the intake's {@link FeedbackRequest} and what only Open311 keeps
 * (device, account, the author's name, the attribute answers). Every failure is a 400 naming the field.
 */
final class Open311RequestForm {

    static final String NOT_PINPOINTED = "#NOTPINPOINTED#";
    static final String CLIENT_OWN_ID = "fixmystreet_id";
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]\\[]+)\\](\\[\\])?");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{8,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern OWN_ID = Pattern.compile("\\S{1,150}");
    private static final int MAX_MEDIA = 5;

    private Open311RequestForm() {
    }

    /** A request as read: the feedback for the intake, the details for open311_request, the attribute answers. */
    record Submission(FeedbackRequest feedback, Map<String, String> details, Map<String, Object> answers) {
    }

    static Submission read(Open311Form form, ServiceCatalog catalog, ServiceCatalog.Snapshot snapshot, UUID clientId) {
        String code = form.first("service_code");
        if (code == null) {
            throw ProblemException.badParameter("service_code", "is required");
        }
        Category service = snapshot.service(code)
                .orElseThrow(() -> ProblemException.badParameter("service_code", "there is no service " + code));

        Map<String, List<String>> attributeAnswers = new LinkedHashMap<>();
        form.fields().forEach((name, values) -> {
            Matcher matcher = ATTRIBUTE.matcher(name);
            if (matcher.matches()) {
                attributeAnswers.computeIfAbsent(matcher.group(1), k -> new ArrayList<>()).addAll(values);
            }
        });
        String ownId = Optional.ofNullable(attributeAnswers.remove(CLIENT_OWN_ID)).filter(v -> !v.isEmpty())
                .map(v -> v.get(0).strip()).orElse(null);
        if (ownId != null && !OWN_ID.matcher(ownId).matches()) {
            throw ProblemException.badParameter("attribute[" + CLIENT_OWN_ID + "]", "must be 1 to 150 characters without spaces");
        }
        List<Attribute> definition = snapshot.attributesOf(code);
        Map<String, Object> answers = catalog.validate(definition, attributeAnswers);

        FeedbackRequest.Location location = location(form.first("lat"), form.first("long"));
        String addressString = form.bounded("address_string", 300);
        String addressId = form.bounded("address_id", 200);
        if (NOT_PINPOINTED.equals(addressId)) {
            addressId = null;
        }
        if (location == null && addressString == null && addressId == null) {
            throw ProblemException.badParameter("lat", "one location is required: lat and long, address_string or address_id");
        }

        String description = form.bounded("description", 4000);
        String firstName = form.bounded("first_name", 200);
        String lastName = form.bounded("last_name", 200);
        String email = form.bounded("email", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ProblemException.badParameter("email", "must be an e-mail address");
        }
        String phone = form.bounded("phone", 32);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ProblemException.badParameter("phone", "must be a phone number");
        }
        List<String> media = mediaUrls(form);

        StringBuilder text = new StringBuilder(description != null ? description : service.nameRu);
        List<String> answered = ServiceCatalog.describe(definition, answers);
        if (!answered.isEmpty()) {
            text.append("\n\n").append(String.join("\n", answered));
        }
        if (firstName != null || lastName != null) {
            text.append("\n\nАвтор: ").append(String.join(" ",
                    Arrays.stream(new String[] { firstName, lastName }).filter(Objects::nonNull).toList()));
        }
        if (addressString == null && addressId != null) {
            addressString = "address_id " + addressId;
        }
        FeedbackRequest.Contact contact = phone == null && email == null ? null : new FeedbackRequest.Contact(phone, email);
        FeedbackRequest feedback = new FeedbackRequest(code, text.toString(), null, addressString, location,
                media.isEmpty() ? null : media, contact, ownId == null ? null : clientId + "/" + ownId, null);

        Map<String, String> details = new HashMap<>();
        details.put("device_id", Optional.ofNullable(form.bounded("device_id", 200)).orElse(form.bounded("deviceid", 200)));
        details.put("account_id", form.bounded("account_id", 200));
        details.put("address_id", form.bounded("address_id", 200));
        details.put("first_name", firstName);
        details.put("last_name", lastName);
        return new Submission(feedback, details, answers);
    }

    private static List<String> mediaUrls(Open311Form form) {
        List<String> media = form.all("media_url").stream().map(String::strip).filter(url -> !url.isEmpty()).distinct().toList();
        if (media.size() > MAX_MEDIA) {
            throw ProblemException.badParameter("media_url", "at most " + MAX_MEDIA + " links");
        }
        for (String url : media) {
            if (!WebLinks.isHttpOrHttpsLink(url)) {
                throw ProblemException.badParameter("media_url", "must be an http(s) URL");
            }
        }
        return media;
    }

    private static FeedbackRequest.Location location(String lat, String lon) {
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null) {
            throw ProblemException.badParameter(lat == null ? "lat" : "long", "lat and long come together");
        }
        return new FeedbackRequest.Location(Open311Parameters.coordinate("lat", lat, 90),
                Open311Parameters.coordinate("long", lon, 180));
    }
}
