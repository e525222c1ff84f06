package org.otklik.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A topic of the tree; deadlines left null are inherited from the parent. */
@Entity
@Table(name = "category")
public class Category {

    @Id
    @Column(length = 64)
    public String code;

    @Column(name = "parent_code", length = 64)
    public String parentCode;

    @Column(name = "name_ru", nullable = false, length = 200)
    public String nameRu;

    @Column(name = "name_en", nullable = false, length = 200)
    public String nameEn;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "keywords_ru", nullable = false, columnDefinition = "text[]")
    public String[] keywordsRu;

    @Column(name = "first_response_hours")
    public Integer firstResponseHours;

    @Column(name = "resolution_days")
    public Integer resolutionDays;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;
}
