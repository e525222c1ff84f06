package org.otklik.routing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class OrganizationRepository implements PanacheRepositoryBase<Organization, String> {

    public Uni<List<Organization>> listInDisplayOrder() {
        return listAll(Sort.by("sortOrder"));
    }
}
