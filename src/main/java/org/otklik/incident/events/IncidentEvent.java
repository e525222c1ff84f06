package org.otklik.incident.events;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.otklik.incident.IncidentEventType;
import org.otklik.incident.IncidentStatus;

/** One entry of an incident's timeline: who did what, when, and whether citizens may see it. */
@Entity
@Table(name = "incident_event")
public class IncidentEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "incident_id", nullable = false)
    public Long incidentId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public IncidentEventType type;

    @Column(name = "public", nullable = false)
    public boolean visibleToCitizen;

    @Column(name = "actor_subject", length = 255)
    public String actorSubject;

    @Column(name = "actor_role", length = 32)
    public String actorRole;

    @Column(name = "actor_organization", length = 64)
    public String actorOrganization;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    public IncidentStatus status;

    @Column(name = "organization_code", length = 64)
    public String organizationCode;

    @Column(length = 5000)
    public String comment;
}
