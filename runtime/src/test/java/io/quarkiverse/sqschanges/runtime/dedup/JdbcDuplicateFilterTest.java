package io.quarkiverse.sqschanges.runtime.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mariadb.jdbc.MariaDbDataSource;

import io.quarkiverse.sqschanges.DuplicateFilter.Claim;
import io.quarkiverse.sqschanges.testkit.EmbeddedMariaDb;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The duplicate filter on a real database, H2 (embedded), PostgreSQL and MariaDB (servers started by the test): several
 * filters on one table stand for several application instances sharing it. MariaDB goes through the filter's MySQL and
 * MariaDB specifics (the clock read with {@code UTC_TIMESTAMP}, here in a session whose time zone is not UTC), with the
 * driver applications use.
 */
class JdbcDuplicateFilterTest {

    static EmbeddedPostgres postgres;
    static EmbeddedMariaDb mariadbServer;
    static MariaDbDataSource mariadb;
    static JdbcDataSource h2;
    static final AtomicInteger tables = new AtomicInteger();
    final List<JdbcDuplicateFilter> filters = new ArrayList<>();

    @BeforeAll
    static void startDatabases() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        mariadbServer = EmbeddedMariaDb.started();
        // a session time zone that is not UTC: a clock read as if it were would be hours off
        mariadb = new MariaDbDataSource(mariadbServer.jdbcUrl() + "?sessionVariables=time_zone='+05:00'");
        mariadb.setUser(mariadbServer.user());
        mariadb.setPassword(mariadbServer.password());
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:duplicates;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopDatabases() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        if (mariadbServer != null) {
            mariadbServer.close();
        }
    }

    @AfterEach
    void closeFilters() {
        filters.forEach(JdbcDuplicateFilter::close);
    }

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql", "mariadb");
    }

    static DataSource dataSource(String database) {
        return switch (database) {
            case "h2" -> h2;
            case "postgresql" -> postgres.getPostgresDatabase();
            case "mariadb" -> mariadb;
            default -> throw new IllegalArgumentException(database);
        };
    }

    /** @return a filter on a table of its own for this test, one per instance sharing it */
    List<JdbcDuplicateFilter> instances(String database, int count) {
        String table = "handled_" + tables.incrementAndGet();
        List<JdbcDuplicateFilter> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JdbcDuplicateFilter filter = new JdbcDuplicateFilter(dataSource(database), database, table, 1000);
            filter.start();
            instances.add(filter);
            filters.add(filter);
        }
        return instances;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneInstanceClaimsAndOnceConfirmedTheMessageIsHandledForAll(String database) {
        List<JdbcDuplicateFilter> instances = instances(database, 2);
        JdbcDuplicateFilter a = instances.get(0);
        JdbcDuplicateFilter b = instances.get(1);

        assertThat(a.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.CLAIMED);
        assertThat(b.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.IN_FLIGHT);
        assertThat(a.claim("orders", "m1", Duration.ofSeconds(30))).as("a second copy in the same instance")
                .isEqualTo(Claim.IN_FLIGHT);
        assertThat(b.claim("builds", "m1", Duration.ofSeconds(30))).as("the same id on another queue")
                .isEqualTo(Claim.CLAIMED);
        assertThat(b.alreadyHandled("orders", "m1")).isFalse();

        a.handled("orders", "m1");
        assertThat(b.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.HANDLED);
        assertThat(b.alreadyHandled("orders", "m1")).isTrue();
        assertThat(a.heldClaims()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReleasedClaimIsClaimedAgainButOnlyItsHolderReleasesIt(String database) {
        List<JdbcDuplicateFilter> instances = instances(database, 2);
        JdbcDuplicateFilter a = instances.get(0);
        JdbcDuplicateFilter b = instances.get(1);

        assertThat(a.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.CLAIMED);
        b.release("orders", "m1");
        assertThat(b.claim("orders", "m1", Duration.ofSeconds(30))).as("released by another instance")
                .isEqualTo(Claim.IN_FLIGHT);

        a.release("orders", "m1");
        assertThat(b.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.CLAIMED);
        assertThat(a.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.IN_FLIGHT);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theClaimOfADeadHolderExpiresAndIsTakenOver(String database) {
        List<JdbcDuplicateFilter> instances = instances(database, 3);
        JdbcDuplicateFilter dead = instances.get(0);
        JdbcDuplicateFilter b = instances.get(1);
        JdbcDuplicateFilter c = instances.get(2);

        // no maintenance: nothing renews the claim, as after a kill -9
        assertThat(dead.claim("orders", "m1", Duration.ofSeconds(1))).isEqualTo(Claim.CLAIMED);
        assertThat(b.claim("orders", "m1", Duration.ofSeconds(1))).isEqualTo(Claim.IN_FLIGHT);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> b.claim("orders", "m1", Duration.ofSeconds(30)) == Claim.CLAIMED);
        assertThat(c.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.IN_FLIGHT);

        dead.release("orders", "m1");
        assertThat(c.claim("orders", "m1", Duration.ofSeconds(30))).as("the dead holder no longer holds it")
                .isEqualTo(Claim.IN_FLIGHT);
        b.handled("orders", "m1");
        assertThat(c.claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.HANDLED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLiveHolderKeepsItsClaimLongerThanItsDuration(String database) throws InterruptedException {
        List<JdbcDuplicateFilter> instances = instances(database, 2);
        JdbcDuplicateFilter a = instances.get(0);
        JdbcDuplicateFilter b = instances.get(1);
        a.maintain(Duration.ofDays(14), Duration.ofHours(1), 1000);

        // a 2 s claim, renewed every 667 ms: a renewal may come more than a second late without losing the claim
        assertThat(a.claim("orders", "m1", Duration.ofSeconds(2))).isEqualTo(Claim.CLAIMED);
        Thread.sleep(5000); // two and a half claims
        assertThat(b.claim("orders", "m1", Duration.ofSeconds(2))).as("renewed while handled")
                .isEqualTo(Claim.IN_FLIGHT);

        a.close();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> b.claim("orders", "m1", Duration.ofSeconds(30)) == Claim.CLAIMED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ofCopiesClaimedAtTheSameTimeOneIsClaimed(String database) throws Exception {
        List<JdbcDuplicateFilter> instances = instances(database, 6);
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            for (int message = 0; message < 10; message++) {
                String id = "m" + message;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Claim>> claims = new ArrayList<>();
                for (JdbcDuplicateFilter instance : instances) {
                    claims.add(threads.submit(() -> {
                        start.await();
                        return instance.claim("orders", id, Duration.ofSeconds(30));
                    }));
                }
                start.countDown();
                List<Claim> results = new ArrayList<>();
                for (Future<Claim> claim : claims) {
                    results.add(claim.get());
                }
                assertThat(results).as("claims of " + id).containsOnlyOnce(Claim.CLAIMED)
                        .filteredOn(claim -> claim != Claim.CLAIMED).containsOnly(Claim.IN_FLIGHT);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oldRowsAreRemovedInBatchesAndRecentOnesKept(String database) throws Exception {
        JdbcDuplicateFilter filter = instances(database, 1).get(0);
        for (int i = 0; i < 5; i++) {
            filter.handled("orders", "old" + i);
        }
        filter.claim("orders", "expired", Duration.ofSeconds(1));
        Thread.sleep(3500);
        filter.handled("orders", "recent");
        filter.claim("orders", "claimed", Duration.ofSeconds(30));

        // the old rows are 3.5 s old and the claim expired 2.5 s ago, both past the retention by 0.5 s or more;
        // "recent" stays within it for the next 2 s, which the four removals below take a small part of
        Duration retention = Duration.ofSeconds(2);
        assertThat(filter.removeOld(retention, 2)).isEqualTo(2);
        assertThat(filter.removeOld(retention, 2)).isEqualTo(2);
        assertThat(filter.removeOld(retention, 2)).as("the last old one and the expired claim").isEqualTo(2);
        assertThat(filter.removeOld(retention, 2)).isZero();
        assertThat(rows(database, filter)).containsExactlyInAnyOrder("claimed", "recent");
        assertThat(filter.claim("orders", "old0", Duration.ofSeconds(30))).isEqualTo(Claim.CLAIMED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMessageHandledWithoutAClaimIsRecordedAndTheTableIsCreatedOnce(String database) {
        List<JdbcDuplicateFilter> instances = instances(database, 2);
        instances.get(0).handled("orders", "m1");
        instances.get(0).handled("orders", "m1");
        assertThat(instances.get(1).claim("orders", "m1", Duration.ofSeconds(30))).isEqualTo(Claim.HANDLED);
        assertThat(instances.get(1).claim("orders", "m1")).isEqualTo(Claim.HANDLED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDatabaseClockIsReadAsAnInstantWhateverTheSessionTimeZone(String database) throws SQLException {
        DatabaseClock clock = new DatabaseClock(System::nanoTime);
        try (Connection connection = dataSource(database).getConnection()) {
            if (database.equals("mariadb")) {
                try (Statement statement = connection.createStatement();
                        ResultSet zone = statement.executeQuery("SELECT @@session.time_zone")) {
                    zone.next();
                    assertThat(zone.getString(1)).isEqualTo("+05:00");
                }
            }
            clock.sync(connection);
        }
        // the server runs on this machine: same clock
        assertThat(clock.nowMillis()).isCloseTo(System.currentTimeMillis(), within(2000L));
    }

    @Test
    void tableNamesAreCheckedSoThatTheyCanBePutInStatements() {
        assertThat(JdbcDuplicateFilter.validTableName("sqs_changes_handled")).isTrue();
        assertThat(JdbcDuplicateFilter.validTableName("ops.handled2")).isTrue();
        assertThat(JdbcDuplicateFilter.validTableName("handled; DROP TABLE x")).isFalse();
        assertThat(JdbcDuplicateFilter.validTableName("a.b.c")).isFalse();
        assertThat(JdbcDuplicateFilter.validTableName("")).isFalse();
    }

    private static List<String> rows(String database, JdbcDuplicateFilter filter) throws SQLException {
        String table = filter.ddl().get(0).split("\\s+")[2];
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource(database).getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT message_id FROM " + table)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
