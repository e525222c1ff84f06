package org.otklik.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.otklik.security.Channel;

/** What of a change reaches a mail to its author: never a staff-only note, comment or side of a merge. */
class IncidentMailFactsTest {

    private static Incident incident(boolean notify) {
        Incident incident = new Incident();
        incident.id = 5L;
        incident.number = "2612-000005";
        incident.channel = Channel.WIDGET;
        incident.authorSubject = "citizen-5";
        incident.contactEmail = "contact@example.org";
        incident.notify = notify;
        incident.status = IncidentStatus.ASSIGNED;
        incident.categoryCode = "roads.potholes";
        incident.organizationCode = "dep.roads";
        incident.answerAttachments = new String[] { "https://files.example.org/after.jpg" };
        return incident;
    }

    @Test
    void onlyCitizenVisibleChangesOfAnAuthorWhoAskedAreMailed() {
        Instant now = Instant.now();
        assertThat(IncidentRecorder.mailOf(IncidentChange.of(incident(false), IncidentEventType.ANSWERED, "Сделано"), now)).isEmpty();
        assertThat(IncidentRecorder.mailOf(IncidentChange.of(incident(true), IncidentEventType.NOTE, "Служебная заметка"), now)).isEmpty();
        assertThat(IncidentRecorder.mailOf(IncidentChange.staffOnly(incident(true), IncidentEventType.MERGED, "2612-000006"), now)).isEmpty();
        Incident withoutAddress = incident(true);
        withoutAddress.contactEmail = null;
        assertThat(IncidentRecorder.mailOf(IncidentChange.of(withoutAddress, IncidentEventType.ANSWERED, "Сделано"), now)).isEmpty();
    }

    @Test
    void staffCommentsNeverTravelAndTheAddressIsTheOneGivenForMails() {
        Instant now = Instant.now();
        Incident incident = incident(true);
        IncidentUpdate transferred = IncidentRecorder.mailOf(IncidentChange.of(incident, IncidentEventType.TRANSFERRED,
                "Служебная причина передачи"), now).orElseThrow();
        assertThat(transferred.citizenText()).as("a transfer reason is the staff's").isNull();
        assertThat(transferred.address()).isEqualTo("contact@example.org");
        IncidentUpdate accepted = IncidentRecorder.mailOf(IncidentChange.of(incident, IncidentEventType.ACCEPTED, "модератор"), now)
                .orElseThrow();
        assertThat(accepted.citizenText()).isNull();

        incident.notifyEmail = "verified@example.org";
        IncidentUpdate answered = IncidentRecorder.mailOf(IncidentChange.of(incident, IncidentEventType.ANSWERED, "Сделано"), now)
                .orElseThrow();
        assertThat(answered.citizenText()).isEqualTo("Сделано");
        assertThat(answered.address()).isEqualTo("verified@example.org");
        assertThat(answered.afterPhotoLinks()).containsExactly("https://files.example.org/after.jpg");
        assertThat(answered.language()).isEqualTo("ru");
        IncidentUpdate interim = IncidentRecorder.mailOf(IncidentChange.of(incident, IncidentEventType.INTERIM_ANSWER, "План"), now)
                .orElseThrow();
        assertThat(interim.afterPhotoLinks()).isEmpty();
        assertThat(List.of(interim.type())).containsExactly(IncidentEventType.INTERIM_ANSWER);
    }
}
