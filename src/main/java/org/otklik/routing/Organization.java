package org.otklik.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "organization")
public class Organization {

    @Id
    @Column(length = 64)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public OrganizationKind kind;

    @Column(name = "name_ru", nullable = false, length = 300)
    public String nameRu;

    @Column(name = "district_code", length = 64)
    public String districtCode;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;
}
