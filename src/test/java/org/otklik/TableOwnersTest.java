package org.otklik;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data-access rule of docs/data-access.md, second half: every table has one owning repository, the only
 * class whose statements write it (insert, update, delete, merge, lock); other classes name it only to read it,
 * and only where {@link #READERS} lets them. ArchUnit does not see string literals, so this reads the statements
 * from the source: the string literals and text blocks of src/main/java, comments left out, SQL by its table
 * names and HQL by the entities' {@code @Table} names. The tables are those the migrations leave; migrations and
 * tests are out of the rule's scope.
 */
class TableOwnersTest {

    private static final Path SOURCES = Path.of("src/main/java/org/otklik");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Each table and the repository (feature/Class, or feature/subpackage/Class) that writes it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("category", "routing/CategoryRepository"),
            entry("category_attribute", "open311/Open311Repository"),
            entry("district", "routing/DistrictRepository"),
            entry("district_boundary", "location/BoundaryRepository"),
            entry("idempotency_record", "common/idempotency/IdempotencyRepository"),
            entry("incident", "incident/IncidentRepository"),
            entry("incident_event", "incident/events/IncidentEventRepository"),
            entry("incident_supporter", "incident/support/SupporterRepository"),
            entry("mail_confirmation", "notify/ConfirmationRepository"),
            entry("mail_daily_count", "notify/RecipientRepository"),
            entry("mail_held", "notify/MailOutboxRepository"),
            entry("mail_notice_event", "notify/MailOutboxRepository"),
            entry("mail_opt_out", "notify/RecipientRepository"),
            entry("mail_refusal", "notify/RecipientRepository"),
            entry("media", "media/MediaRepository"),
            entry("media_blob", "media/MediaBlobRepository"),
            entry("notice", "notice/NoticeRepository"),
            entry("notice_digest_entry", "notify/SubscriptionRepository"),
            entry("notice_incident", "notice/NoticeRepository"),
            entry("notice_subscriber", "notify/SubscriptionRepository"),
            entry("notice_subscription", "notify/SubscriptionRepository"),
            entry("notice_version", "notice/NoticeRepository"),
            entry("open311_client", "open311/Open311Repository"),
            entry("open311_request", "open311/Open311Repository"),
            entry("open311_update", "open311/Open311Repository"),
            entry("organization", "routing/OrganizationRepository"),
            entry("outbox_delivery", "delivery/OutboxRepository"),
            entry("poll", "poll/PollRepository"),
            entry("poll_ballot", "poll/ballot/BallotRepository"),
            entry("poll_ballot_idempotency", "poll/ballot/BallotIdempotencyRepository"),
            entry("poll_ballot_key", "poll/ballot/BallotKeyRepository"),
            entry("poll_participation", "poll/ballot/BallotRepository"),
            entry("poll_public_tally", "poll/tally/PublicTallyRepository"),
            entry("poll_replaced_receipt", "poll/ballot/BallotRepository"),
            entry("poll_tally", "poll/tally/BallotOpeningRepository"),
            entry("routing_rule", "routing/RoutingRuleRepository"),
            entry("scheduled_job_run", "common/jobs/ScheduledJobRunRepository"),
            entry("stats_delta", "stats/StatsDeltaRepository"),
            entry("stats_rollup", "stats/StatsRollupRepository"),
            entry("webhook_subscription", "delivery/WebhookSubscriptionRepository"));

    /**
     * The tables a repository reads besides its own: the read models (queue, map, nearby, statistics, Open311
     * views) and the checks a write makes against another table of its feature in the same statement.
     */
    static final Map<String, Set<String>> READERS = Map.ofEntries(
            entry("incident/queue/IncidentQueueRepository", Set.of("incident", "notice_incident")),
            entry("incident/support/SupporterRepository", Set.of("incident")),
            entry("location/MapRepository", Set.of("incident")),
            entry("location/NearbyRepository", Set.of("incident")),
            entry("location/BoundaryRepository", Set.of("district")),
            entry("stats/StatsRepository", Set.of("incident", "incident_supporter", "notice_incident")),
            entry("stats/StatsRollupRepository", Set.of("incident", "incident_supporter", "stats_delta")),
            entry("open311/Open311Repository", Set.of("incident", "incident_event")),
            entry("notice/NoticeRepository", Set.of("incident")),
            entry("notify/RecipientRepository", Set.of("incident_supporter")),
            entry("notify/MailOutboxRepository", Set.of("mail_confirmation", "mail_opt_out", "mail_refusal")),
            entry("notify/SubscriptionRepository", Set.of("mail_confirmation", "mail_refusal")),
            entry("delivery/OutboxRepository", Set.of("webhook_subscription")),
            entry("delivery/DeliveryLogRepository", Set.of("outbox_delivery")),
            entry("poll/ballot/BallotKeyRepository", Set.of("poll")),
            entry("poll/tally/BallotOpeningRepository", Set.of("poll", "poll_ballot", "poll_participation")),
            entry("poll/ballot/BallotRepository", Set.of("poll")),
            entry("poll/tally/TallyRepository", Set.of("poll", "poll_ballot", "poll_participation", "poll_tally")));

    /**
     * Writes outside the owner that are still to be moved (docs/data-access.md, "What is left"): none now. The list
     * must match what the code does exactly: a new write outside its owner fails, and so does an entry here that the
     * code no longer needs.
     */
    static final Set<String> NOT_YET_MOVED = Set.of();

    private static final Pattern SQL_COMMENTS = Pattern.compile("/\\*.*?\\*/|--[^\\n]*", Pattern.DOTALL);
    private static final Pattern WRITE = Pattern.compile(
            "\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into|lock\\s+table|truncate(?:\\s+table)?)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern READ = Pattern.compile("\\b(?:from|join|using)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("@Table\\(name\\s*=\\s*\"(\\w+)\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
            + "public\\s+(?:final\\s+)?class\\s+(\\w+)");

    /** A class (feature/Class) naming a table. */
    record Use(String className, String table, boolean write) {
        @Override
        public String toString() {
            return className + (write ? " writes " : " reads ") + table;
        }
    }

    private static Set<String> tables;
    private static List<Use> uses;

    @BeforeAll
    static void readTheCode() {
        tables = tablesTheMigrationsLeave();
        Map<String, String> entities = new HashMap<>();
        javaFiles().forEach(file -> {
            Matcher entity = ENTITY.matcher(read(file));
            while (entity.find()) {
                entities.put(entity.group(2), entity.group(1));
            }
        });
        uses = new ArrayList<>();
        javaFiles().forEach(file -> {
            String className = SOURCES.relativize(file).toString().replace('\\', '/').replaceAll("\\.java$", "");
            String statements = literals(read(file));
            Set<Use> found = new LinkedHashSet<>();
            collect(WRITE, statements, className, true, entities, found);
            collect(READ, statements, className, false, entities, found);
            uses.addAll(found);
        });
    }

    @Test
    void everyTableHasAnOwnerThatExists() {
        assertThat(OWNERS.keySet()).as("tables the migrations leave").containsExactlyInAnyOrderElementsOf(tables);
        assertThat(OWNERS.values()).allSatisfy(owner -> assertThat(SOURCES.resolve(owner + ".java")).exists());
        assertThat(OWNERS.values()).allSatisfy(owner -> assertThat(owner).endsWith("Repository"));
    }

    @Test
    void aTableIsWrittenOnlyByItsOwner() {
        Set<String> outside = new TreeSet<>();
        uses.stream().filter(Use::write).filter(use -> !use.className().equals(OWNERS.get(use.table())))
                .forEach(use -> outside.add(use.toString()));
        assertThat(outside).as("writes outside the table's owner").containsExactlyInAnyOrderElementsOf(NOT_YET_MOVED);
    }

    @Test
    void anotherTableIsReadOnlyWhereTheReadModelsAllowIt() {
        Set<String> unlisted = new TreeSet<>();
        uses.stream().filter(use -> !use.write())
                .filter(use -> !use.className().equals(OWNERS.get(use.table())))
                .filter(use -> !READERS.getOrDefault(use.className(), Set.of()).contains(use.table()))
                .filter(use -> !NOT_YET_MOVED.contains(new Use(use.className(), use.table(), true).toString()))
                .forEach(use -> unlisted.add(use.toString()));
        assertThat(unlisted).as("reads of another repository's table that no read model lists").isEmpty();
    }

    @Test
    void theListedReadersStillReadWhatTheyAreAllowed() {
        Set<String> stale = new TreeSet<>();
        READERS.forEach((reader, read) -> read.forEach(table -> {
            if (!uses.contains(new Use(reader, table, false)) && !uses.contains(new Use(reader, table, true))) {
                stale.add(reader + " reads " + table);
            }
        }));
        assertThat(stale).as("read permissions the code no longer uses").isEmpty();
    }

    @Test
    void theScanSeesTheStatements() {
        assertThat(uses).as("the scan reads the repositories' statements")
                .contains(new Use("incident/events/IncidentEventRepository", "incident_event", true),
                        new Use("delivery/OutboxRepository", "outbox_delivery", true),
                        new Use("incident/queue/IncidentQueueRepository", "incident", false));
        assertThat(uses.stream().filter(Use::write).count()).isGreaterThan(30);
    }

    private static void collect(Pattern statement, CharSequence text, String className, boolean write,
            Map<String, String> entities, Set<Use> found) {
        Matcher matcher = statement.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            String table = tables.contains(name) ? name : entities.get(name);
            if (table != null) {
                found.add(new Use(className, table, write));
            }
        }
    }

    /**
     * The text of the string literals and text blocks of a Java source, comments and code left out; literals joined
     * by {@code +} run on, others are kept apart by {@code ;}.
     */
    static String literals(String source) {
        StringBuilder text = new StringBuilder();
        int lastEnd = 0;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? n : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) < 0 ? n : source.indexOf("*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                text.append(joint(source, lastEnd, i)).append(source, i + 3, end < 0 ? n : end);
                i = end < 0 ? n : end + 3;
                lastEnd = i;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    text.append(joint(source, lastEnd, i)).append(source.substring(i + 1, Math.min(j, n)).replaceAll("\\\\[nrt]", " "));
                    lastEnd = j + 1;
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return text.toString();
    }

    private static String joint(String source, int from, int to) {
        return source.substring(from, to).matches("\\s*\\+\\s*") ? " " : "\n;\n";
    }

    /** create table, drop table and rename, in the migrations' version order. */
    private static Set<String> tablesTheMigrationsLeave() {
        Pattern change = Pattern.compile("\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)"
                + "|\\bdrop\\s+table\\s+(?:if\\s+exists\\s+)?(\\w+)|\\balter\\s+table\\s+(\\w+)\\s+rename\\s+to\\s+(\\w+)",
                Pattern.CASE_INSENSITIVE);
        Set<String> left = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(file -> Integer.parseInt(file.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .forEach(file -> {
                        Matcher matcher = change.matcher(SQL_COMMENTS.matcher(read(file)).replaceAll(" "));
                        while (matcher.find()) {
                            if (matcher.group(1) != null) {
                                left.add(matcher.group(1).toLowerCase());
                            } else if (matcher.group(2) != null) {
                                left.remove(matcher.group(2).toLowerCase());
                            } else {
                                left.remove(matcher.group(3).toLowerCase());
                                left.add(matcher.group(4).toLowerCase());
                            }
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return left;
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
