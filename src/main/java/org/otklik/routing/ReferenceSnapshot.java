package org.otklik.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * The walk up the topic tree, the one every rule that looks at a category's parents asks: the category,
     * then the topics above it, nearest first (empty for an unknown code; it stops at a topic seen before).
     */
    public List<Category> selfAndAncestors(String categoryCode) {
        List<Category> path = new ArrayList<>();
        for (Category c = categoryCode == null ? null : categories.get(categoryCode); c != null && !path.contains(c);
                c = c.parentCode == null ? null : categories.get(c.parentCode)) {
            path.add(c);
        }
        return path;
    }

    /** The top-level topic a category belongs to. */
    public String topLevelOf(String categoryCode) {
        List<Category> path = selfAndAncestors(categoryCode);
        return path.isEmpty() ? categoryCode : path.get(path.size() - 1).code;
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
        return selfAndAncestors(categoryCode).stream().map(c -> c.firstResponseHours).filter(Objects::nonNull).findFirst();
    }

    /** Resolution days, inherited from the nearest ancestor that sets them. */
    public Optional<Integer> resolutionDays(String categoryCode) {
        return selfAndAncestors(categoryCode).stream().map(c -> c.resolutionDays).filter(Objects::nonNull).findFirst();
    }
}
