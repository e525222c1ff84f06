package org.otklik;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.hibernate.reactive.mutiny.Mutiny;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;

/**
 * The data-access rule of docs/data-access.md, first half: only a {@code *Repository} (or a class nested in one)
 * runs a statement. A service opens the transaction ({@code pool.withTransaction}, {@code @WithTransaction}) and
 * hands the connection to repositories; it never writes SQL, HQL or a Panache query string itself. The second
 * half, which repository may name which table, is {@link TableOwnersTest}. Rule 4, each table written in one
 * transaction kind: only the service of the one table written in Panache transactions ({@code open311_client})
 * opens one, and no entity is written through Hibernate's change tracking.
 */
@AnalyzeClasses(packages = "org.otklik", importOptions = ImportOption.DoNotIncludeTests.class)
class DataAccessRulesTest {

    private static final Set<String> SQL_CLIENT_STATEMENTS = Set.of("query", "preparedQuery");
    private static final Set<String> SESSION_STATEMENTS = Set.of("createNativeQuery", "createQuery", "createSelectionQuery",
            "createMutationQuery", "createNamedQuery");
    private static final Set<String> PANACHE_QUERIES = Set.of("find", "list", "stream", "update", "delete", "count");

    /** The services that open a Panache transaction: each table they write is of the Panache kind. */
    static final Set<String> PANACHE_TRANSACTION_OWNERS = Set.of("org.otklik.open311.Open311KeyService");

    private static final Set<String> ENTITY_WRITES = Set.of("persist", "persistAndFlush", "merge", "remove", "delete",
            "deleteById", "deleteAll", "flush");

    @ArchTest
    static final ArchRule onlyTheServicesOfPanacheTablesAnnotateAPanacheTransaction = noMethods()
            .that().areDeclaredInClassesThat(DescribedPredicate.not(namedIn(PANACHE_TRANSACTION_OWNERS)))
            .should().beAnnotatedWith(WithTransaction.class)
            .because("every other table is written in pool transactions (docs/data-access.md, rule 4)");

    @ArchTest
    static final ArchRule onlyTheServicesOfPanacheTablesOpenAPanacheTransaction = noClasses()
            .that(DescribedPredicate.not(namedIn(PANACHE_TRANSACTION_OWNERS)))
            .should().callMethod(Panache.class, "withTransaction", java.util.function.Supplier.class)
            .orShould().callMethod(Panache.class, "withTransaction", java.util.function.Function.class)
            .because("every other table is written in pool transactions (docs/data-access.md, rule 4)");

    @ArchTest
    static final ArchRule noEntityIsWrittenThroughHibernate = noClasses()
            .should().callMethodWhere(writesAnEntity())
            .because("a table is written by its repository's statements, in its one transaction kind (docs/data-access.md)");

    /** The Panache rule above is not blind: the listed service does declare its transactions. */
    @ArchTest
    static void theListedServicesDoOpenPanacheTransactions(JavaClasses classes) {
        for (String owner : PANACHE_TRANSACTION_OWNERS) {
            assertThat(classes.get(owner).getMethods()).anyMatch(method -> method.isAnnotatedWith(WithTransaction.class));
        }
    }

    @ArchTest
    static final ArchRule onlyRepositoriesRunStatements = noClasses()
            .that(DescribedPredicate.not(partOfARepository()))
            .should().callMethodWhere(runsAStatement())
            .because("a table's statements are in its repository (docs/data-access.md)");

    /** The rule above would see a statement: the repositories send plenty (so the predicate is not blind). */
    @ArchTest
    static void repositoriesRunStatementsTheRuleRecognises(JavaClasses classes) {
        long calls = classes.stream().filter(partOfARepository())
                .flatMap(javaClass -> javaClass.getMethodCallsFromSelf().stream())
                .filter(runsAStatement())
                .count();
        assertThat(calls).isGreaterThan(100);
    }

    static DescribedPredicate<JavaClass> namedIn(Set<String> names) {
        return DescribedPredicate.describe("named in " + names, javaClass -> names.contains(javaClass.getName()));
    }

    /** Hibernate's entity writes: Panache's persist/delete of an entity (or by id) and a session's persist/merge/remove/flush. */
    static DescribedPredicate<JavaMethodCall> writesAnEntity() {
        return DescribedPredicate.describe("writes an entity through Hibernate", call -> {
            JavaClass owner = call.getTargetOwner();
            boolean panache = owner.isAssignableTo(PanacheRepositoryBase.class) || owner.isAssignableTo(PanacheEntityBase.class);
            boolean session = owner.isAssignableTo(Mutiny.Session.class);
            boolean queryString = !call.getTarget().getRawParameterTypes().isEmpty()
                    && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(String.class);
            boolean ours = call.getTarget().resolveMember()
                    .map(method -> method.getOwner().getPackageName().startsWith("org.otklik")).orElse(false);
            return ENTITY_WRITES.contains(call.getName()) && !ours && (session || panache && !queryString);
        });
    }

    /** A class whose outermost enclosing class is named {@code …Repository}. */
    static DescribedPredicate<JavaClass> partOfARepository() {
        return DescribedPredicate.describe("part of a *Repository", javaClass -> {
            JavaClass outermost = javaClass;
            while (outermost.getEnclosingClass().isPresent()) {
                outermost = outermost.getEnclosingClass().get();
            }
            return outermost.getSimpleName().endsWith("Repository");
        });
    }

    /**
     * A statement sent to the database: a Vert.x SQL client's {@code query}/{@code preparedQuery}, a Hibernate
     * Reactive session's query factories, or a Panache query given as a string.
     */
    static DescribedPredicate<JavaMethodCall> runsAStatement() {
        return DescribedPredicate.describe("runs a statement (SQL client, Hibernate session or Panache query string)", call -> {
            JavaClass owner = call.getTargetOwner();
            String name = call.getName();
            if (SQL_CLIENT_STATEMENTS.contains(name) && (owner.isAssignableTo(io.vertx.mutiny.sqlclient.SqlClient.class)
                    || owner.isAssignableTo(io.vertx.sqlclient.SqlClient.class))) {
                return true;
            }
            if (SESSION_STATEMENTS.contains(name) && (owner.isAssignableTo(Mutiny.Session.class)
                    || owner.isAssignableTo(Mutiny.StatelessSession.class))) {
                return true;
            }
            return PANACHE_QUERIES.contains(name)
                    && (owner.isAssignableTo(PanacheRepositoryBase.class) || owner.isAssignableTo(PanacheEntityBase.class))
                    && !call.getTarget().getRawParameterTypes().isEmpty()
                    && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(String.class);
        });
    }
}
