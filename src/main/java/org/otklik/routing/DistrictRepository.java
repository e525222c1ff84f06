package org.otklik.routing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class DistrictRepository implements PanacheRepositoryBase<District, String> {

    public Uni<List<District>> listInDisplayOrder() {
        return listAll(Sort.by("sortOrder"));
    }
}
