package org.otklik.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.otklik.notify.MailFixtures.address;
import static org.otklik.notify.MailFixtures.awaitMails;
import static org.otklik.notify.MailFixtures.parts;
import static org.otklik.notify.MailFixtures.relayAll;
import static org.otklik.notify.MailFixtures.resident;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.otklik.testsupport.Feedback;
import org.otklik.testsupport.Photos;
import org.otklik.testsupport.Staff;
import org.otklik.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** The answer mail shows the answer's photos as time-limited signed links, never a stored photo's own address. */
@QuarkusTest
class AnswerPhotoMailTest {

    private static final String OPERATOR = TestTokens.operator();

    @Inject
    MailRelay relay;

    @Test
    void theAnswerMailLinksItsPhotosSigned() throws Exception {
        String email = address("photos");
        Map<String, Object> body = Feedback.pothole();
        body.put("contact", Map.of("phone", "+7 900 123-45-67"));
        body.put("notify", true);
        String number = Feedback.submitAs(resident(email), body);
        Staff.accept(number);
        String photo = Photos.uploadPhone(OPERATOR);
        Staff.act(OPERATOR, number, "answer", Map.of("text", "Яма заделана", "resolution", "FIXED", "mediaIds", List.of(photo),
                "attachments", List.of("https://files.example.org/after-2.jpg"))).statusCode(200);
        relayAll(relay);

        MimeMessage answer = awaitMails(email, 2).get(1);
        Map<String, String> parts = parts(answer);
        Matcher signed = Pattern.compile("http://localhost:8080/api/v1/media/" + photo + "\\?expires=[0-9]+&signature=[A-Za-z0-9_-]+")
                .matcher(parts.get("text"));
        assertThat(signed.find()).as("a signed link to the photo").isTrue();
        assertThat(parts.get("text")).contains("https://files.example.org/after-2.jpg");
        // every mention of the photo is the signed link: none without its signature
        assertThat(parts.get("text").split("/api/v1/media/" + photo, -1)).hasSize(2);
        assertThat(parts.get("html")).contains("/api/v1/media/" + photo + "?expires=").contains("&amp;signature=");

        URI link = URI.create(signed.group());
        String path = link.getRawPath() + "?" + link.getRawQuery();
        Photos.read(null, path);
        given().when().get(path.replace("signature=", "signature=x")).then().statusCode(404);
        given().when().get("/api/v1/media/" + photo).then().statusCode(org.hamcrest.Matchers.oneOf(401, 404));
    }
}
