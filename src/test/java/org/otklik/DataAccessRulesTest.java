package org.otklik;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/**
 * The data-access rule of docs/data-access.md, first half: only a {@code *Repository} (or a class nested in one)
 * runs a statement. A service opens the transaction ({@code pool.withTransaction}, {@code @WithTransaction}) and
 * hands the connection to repositories; it never writes SQL, HQL or a Panache query string itself. The second
 * half, which repository may name which table, is {@link TableOwnersTest}.
 */
@AnalyzeClasses(packages = "org.otklik", importOptions = ImportOption.DoNotIncludeTests.class)
class DataAccessRulesTest {

    private static final Set<String> SQL_CLIENT_STATEMENTS = Set.of("query", "preparedQuery");
    private static final Set<String> SESSION_STATEMENTS = Set.of("createNativeQuery", "createQuery", "createSelectionQuery",
            "createMutationQuery", "createNamedQuery");
    private static final Set<String> PANACHE_QUERIES = Set.of("find", "list", "stream", "update", "delete", "count");

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
