package org.otklik.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable copy of the reference data, with the lookups routing and deadlines need. */
public final class ReferenceSnapshot {

    private final Map<String, Category> categories = new LinkedHashMap<>();
    private final Map<String, List<String>> childCodes = new LinkedHashMap<>();
    private final Map<String, District> districts = new LinkedHashMap<>();
    private final Map<String, Organization> organizations = new LinkedHashMap<>();
    private final Map<String, Organization> administrationOfDistrict = new LinkedHashMap<>();
    private final Map<String, List<RoutingRule>> rulesByCategory = new LinkedHashMap<>();

    ReferenceSnapshot(List<Category> categories, List<District> districts, List<Organization> organizations,
            List<RoutingRule> rules) {
        for (Category category : categories) {
            this.categories.put(category.code, category);
            if (category.parentCode != null) {
                childCodes.computeIfAbsent(category.parentCode, k -> new ArrayList<>()).add(category.code);
            }
        }
        districts.forEach(d -> this.districts.put(d.code, d));
        for (Organization organization : organizations) {
            this.organizations.put(organization.code, organization);
            if (organization.kind == OrganizationKind.DISTRICT_ADMINISTRATION) {
                administrationOfDistrict.put(organization.districtCode, organization);
            }
        }
        rules.forEach(r -> rulesByCategory.computeIfAbsent(r.categoryCode, k -> new ArrayList<>()).add(r));
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(code).map(categories::get);
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    public boolean isLeaf(String categoryCode) {
        return !childCodes.containsKey(categoryCode);
    }

    public List<String> childrenOf(String categoryCode) {
        return childCodes.getOrDefault(categoryCode, List.of());
    }

    /** The category and every category below it. */
    public List<String> subtree(String categoryCode) {
        List<String> codes = new ArrayList<>();
        codes.add(categoryCode);
        for (int i = 0; i < codes.size(); i++) {
            codes.addAll(childrenOf(codes.get(i)));
        }
        return codes;
    }

    /** The top-level topic a category belongs to. */
    public String topLevelOf(String categoryCode) {
        Category category = categories.get(categoryCode);
        while (category != null && category.parentCode != null) {
            category = categories.get(category.parentCode);
        }
        return category == null ? categoryCode : category.code;
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(code).map(districts::get);
    }

    public List<District> districts() {
        return List.copyOf(districts.values());
    }

    public List<Organization> organizations() {
        return List.copyOf(organizations.values());
    }

    public Optional<Organization> organization(String code) {
        return Optional.ofNullable(code).map(organizations::get);
    }

    public Optional<Organization> administrationOf(String districtCode) {
        return Optional.ofNullable(districtCode).map(administrationOfDistrict::get);
    }

    List<RoutingRule> rulesFor(String categoryCode) {
        return rulesByCategory.getOrDefault(categoryCode, List.of());
    }

    /** First-response hours, inherited from the nearest ancestor that sets them. */
    public Optional<Integer> firstResponseHours(String categoryCode) {
        for (Category c = categories.get(categoryCode); c != null; c = categories.get(c.parentCode)) {
            if (c.firstResponseHours != null) {
                return Optional.of(c.firstResponseHours);
            }
            if (c.parentCode == null) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Resolution days, inherited from the nearest ancestor that sets them. */
    public Optional<Integer> resolutionDays(String categoryCode) {
        for (Category c = categories.get(categoryCode); c != null; c = categories.get(c.parentCode)) {
            if (c.resolutionDays != null) {
                return Optional.of(c.resolutionDays);
            }
            if (c.parentCode == null) {
                break;
            }
        }
        return Optional.empty();
    }
}
