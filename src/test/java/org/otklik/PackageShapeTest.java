package org.otklik;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package shape of docs/architecture.md, "Package dependencies": features are independent folders that share only
 * {@code common}, {@code security} and {@code routing}; the few edges between features listed here
 * are the only ones allowed, and none of them closes a cycle. Resources reach data only through
 * services; {@code common} knows no feature.
 */
@AnalyzeClasses(packages = "org.otklik", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageShapeTest {

    private static final String ROOT = "org.otklik.";

    static final List<String> FEATURES = List.of("incident", "delivery", "poll", "stats", "notice", "open311", "widget", "media");

    /** Shared by every feature. */
    static final Set<String> SHARED = Set.of("common", "security", "routing");

    /**
     * The only dependencies from one feature to another: an incident's events are delivered, and its messages
     * and answers carry photos; Open311 is an intake channel for incidents and shows their public photos; a city
     * notice answers incidents and is delivered like them.
     */
    static final Map<String, Set<String>> FEATURE_EDGES = Map.of(
            "incident", Set.of("delivery", "media"),
            "open311", Set.of("incident", "media"),
            "notice", Set.of("incident", "delivery"));

    @ArchTest
    static final ArchRule featuresDependOnlyOnSharedPackagesAndTheirListedFeatures = classes()
            .that().resideInAnyPackage(FEATURES.stream().map(f -> ROOT + f + "..").toArray(String[]::new))
            .should(dependOnNoUnlistedFeature());

    @ArchTest
    static final ArchRule sharedPackagesKnowNoFeature = noClasses()
            .that().resideInAnyPackage(SHARED.stream().map(p -> ROOT + p + "..").toArray(String[]::new))
            .should().dependOnClassesThat()
            .resideInAnyPackage(FEATURES.stream().map(f -> ROOT + f + "..").toArray(String[]::new));

    @ArchTest
    static final ArchRule noResourceTalksToARepository = noClasses()
            .that().haveSimpleNameEndingWith("Resource")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository");

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return featureOf(javaClass).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
        }

        @Override
        public String getDescription() {
            return "the feature packages";
        }
    }).should().beFreeOfCycles();

    /** The features grouped into subpackages by sub-capability, the feature's face staying at its root. */
    static final List<String> GROUPED_FEATURES = List.of("poll", "incident");

    /** Shared packages grouped the same way; their root keeps the small helpers that belong to no group. */
    static final List<String> GROUPED_SHARED = List.of("common");

    /**
     * Within a grouped feature the subpackages form layers (poll: tally uses ballot, both use definition; incident: queue
     * uses views and events, views uses events); the root (resources, services others call, views, config, the
     * incident's model) is left out, since it uses them and they use its shared types. In {@code common} likewise
     * (idempotency uses jobs, database and problem; jobs uses database; problem uses database and observability; web
     * uses ratelimit and problem; ratelimit uses problem).
     */
    @ArchTest
    static final ArchRule noCyclesBetweenTheSubpackagesOfAFeature = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return subpackageOf(javaClass).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
        }

        @Override
        public String getDescription() {
            return "the subpackages of " + GROUPED_FEATURES + " and " + GROUPED_SHARED;
        }
    }).should().beFreeOfCycles();

    /** feature.subpackage for a class below a grouped feature's (or shared package's) root. */
    static Optional<String> subpackageOf(JavaClass javaClass) {
        String[] parts = javaClass.getPackageName().split("\\.");
        if (parts.length < 4 || !javaClass.getPackageName().startsWith(ROOT)
                || !(GROUPED_FEATURES.contains(parts[2]) || GROUPED_SHARED.contains(parts[2]))) {
            return Optional.empty();
        }
        return Optional.of(parts[2] + "." + parts[3]);
    }

    /** The top-level package under org.otklik when it is a feature's. */
    static Optional<String> featureOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(ROOT)) {
            return Optional.empty();
        }
        String top = name.substring(ROOT.length()).split("\\.", 2)[0];
        return FEATURES.contains(top) ? Optional.of(top) : Optional.empty();
    }

    private static ArchCondition<JavaClass> dependOnNoUnlistedFeature() {
        return new ArchCondition<>("depend only on " + SHARED + " and the listed feature edges " + FEATURE_EDGES) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = featureOf(origin).orElseThrow();
                Set<String> allowed = FEATURE_EDGES.getOrDefault(from, Set.of());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    featureOf(dependency.getTargetClass())
                            .filter(to -> !to.equals(from) && !allowed.contains(to))
                            .ifPresent(to -> events.add(SimpleConditionEvent.violated(dependency,
                                    from + " -> " + to + ": " + dependency.getDescription())));
                }
            }
        };
    }
}
