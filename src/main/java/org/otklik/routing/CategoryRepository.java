package org.otklik.routing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CategoryRepository implements PanacheRepositoryBase<Category, String> {

    public Uni<List<Category>> listInDisplayOrder() {
        return listAll(Sort.by("sortOrder"));
    }
}
