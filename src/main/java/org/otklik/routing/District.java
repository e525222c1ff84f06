package org.otklik.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "district")
public class District {

    @Id
    @Column(length = 64)
    public String code;

    @Column(name = "name_ru", nullable = false, length = 200)
    public String nameRu;

    @Column(name = "name_en", nullable = false, length = 200)
    public String nameEn;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;
}
