package org.otklik.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Routes a category (and its children without rules of their own) to a fixed organisation or to
 * the administration of the incident's district. A null district means any district.
 */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "category_code", nullable = false, length = 64)
    public String categoryCode;

    @Column(name = "district_code", length = 64)
    public String districtCode;

    @Column(name = "organization_code", length = 64)
    public String organizationCode;

    @Column(name = "to_district_administration", nullable = false)
    public boolean toDistrictAdministration;
}
