package org.otklik.routing;

import java.util.List;

/** Small reference data for plain unit tests of other features. */
public final class ReferenceSnapshots {

    private ReferenceSnapshots() {
    }

    public static ReferenceSnapshot of(List<Category> categories, List<District> districts, List<Organization> organizations) {
        return new ReferenceSnapshot(categories, districts, organizations, List.of());
    }

    public static Category category(String code, String parent, String nameRu, String nameEn) {
        Category category = new Category();
        category.code = code;
        category.parentCode = parent;
        category.nameRu = nameRu;
        category.nameEn = nameEn;
        return category;
    }

    public static District district(String code, String nameRu, String nameEn) {
        District district = new District();
        district.code = code;
        district.nameRu = nameRu;
        district.nameEn = nameEn;
        return district;
    }

    public static Organization organization(String code, String nameRu) {
        Organization organization = new Organization();
        organization.code = code;
        organization.kind = OrganizationKind.DEPARTMENT;
        organization.nameRu = nameRu;
        return organization;
    }
}
