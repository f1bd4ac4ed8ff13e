package io.quarkiverse.sqschanges.runtime.dedup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkiverse.sqschanges.DuplicateFilter;

/**
 * A {@link DuplicateFilter} on a table of the application's database, shared by every instance that uses it.
 * <p>
 * A claim is a row inserted with the state {@code CLAIMED}, this instance as its holder and a time until which it
 * holds: the primary key (queue, message id) lets one insert of two succeed. When the insert fails on that key, the
 * row says what to do: {@code HANDLED}, the copy is a duplicate; {@code CLAIMED} and not expired, another copy is in
 * flight; {@code CLAIMED} and expired (its holder died), the claim is taken over with an update that succeeds only
 * if the row is still the one read. {@link #handled} sets the state to {@code HANDLED}; {@link #release} deletes the
 * row if this instance still holds it. Claims this instance holds are renewed while their messages are handled
 * ({@link #renewClaims}), so that only the claims of a dead holder expire. Times are on the database's clock.
 * Every statement runs on its own (auto-commit), in one round trip or two.
 */
public final class JdbcDuplicateFilter implements DuplicateFilter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JdbcDuplicateFilter.class);
    /** Claims made through {@link #claim(String, String)}, without a duration: SQS's default visibility timeout. */
    static final Duration DEFAULT_CLAIM = Duration.ofSeconds(30);
    /**
     * The shortest claim: the claims held are renewed a third of their duration ahead, and that must leave time for
     * a renewal that comes late (a busy machine, a slow statement), with a 1 s visibility timeout too.
     */
    static final long MIN_CLAIM_MILLIS = 5000;
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final String description;
    private final DuplicateTable table;
    private final String holder = UUID.randomUUID().toString();
    private final DatabaseClock clock = new DatabaseClock(System::nanoTime);
    private final Map<Key, Held> held = new ConcurrentHashMap<>();
    private final long minClaimMillis;
    private volatile boolean tableReady;
    private volatile TableMaintenance maintenance;

    private record Key(String queue, String messageId) {
    }

    /** A claim this instance holds: renewed when a third of its duration has passed, on the database's clock. */
    private record Held(long durationMillis, long renewAtMillis) {
    }

    /**
     * @param description the datasource, as error messages name it
     * @param table a table name, optionally qualified by its schema, checked with {@link #validTableName}
     */
    public JdbcDuplicateFilter(DataSource dataSource, String description, String table) {
        this(dataSource, description, table, MIN_CLAIM_MILLIS);
    }

    /** @param minClaimMillis the shortest claim: tests shorten it to see claims expire */
    JdbcDuplicateFilter(DataSource dataSource, String description, String table, long minClaimMillis) {
        this.dataSource = dataSource;
        this.description = description;
        this.table = new DuplicateTable(table);
        this.minClaimMillis = minClaimMillis;
    }

    /** @return whether a table name is one this filter accepts: {@code [schema.]table}, letters, digits, underscores */
    public static boolean validTableName(String name) {
        return DuplicateTable.validName(name);
    }

    /** @return the statements that create the table, as the guide gives them */
    public List<String> ddl() {
        return table.ddl();
    }

    /**
     * Creates the table unless it exists, and reads the database's clock.
     *
     * @throws IllegalStateException if the database cannot be reached or the table can be neither used nor created
     */
    public void start() {
        try (Connection connection = dataSource.getConnection()) {
            clock.sync(connection);
            ensureTable(connection);
        } catch (SQLException e) {
            throw failure("cannot be reached", e);
        }
    }

    private void ensureTable(Connection connection) throws SQLException {
        if (tableReady) {
            return;
        }
        if (!tableUsable(connection)) {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : table.ddl()) {
                    statement.execute(ddl);
                }
                LOG.infof("Created the duplicate filter's table %s on %s", table.name, description);
            } catch (SQLException e) {
                // another instance may have created it meanwhile
                if (!tableUsable(connection)) {
                    throw new IllegalStateException("The duplicate filter's table " + table.name + " on " + description
                            + " cannot be created (" + e.getMessage() + ") and is not usable as it is: create it with"
                            + " the DDL of the guide, or set quarkus.sqs-changes.deduplication.table to another table",
                            e);
                }
            }
        }
        tableReady = true;
    }

    private boolean tableUsable(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery(table.probe).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public boolean alreadyHandled(String queue, String messageId) {
        try (Connection connection = connection();
                PreparedStatement select = key(connection, table.selectRow, queue,
                        messageId);
                ResultSet row = select.executeQuery()) {
            return row.next() && DuplicateTable.HANDLED.equals(row.getString(1));
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public Claim claim(String queue, String messageId) {
        return claim(queue, messageId, DEFAULT_CLAIM);
    }

    @Override
    public Claim claim(String queue, String messageId, Duration claimFor) {
        long duration = Math.max(minClaimMillis, claimFor.toMillis());
        try (Connection connection = connection()) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long now = clock.nowMillis();
                if (insertClaim(connection, queue, messageId, now + duration)) {
                    hold(queue, messageId, duration, now);
                    return Claim.CLAIMED;
                }
                try (PreparedStatement select = key(connection, table.selectRow, queue, messageId);
                        ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        // released between the insert and the select: try again
                        continue;
                    }
                    if (DuplicateTable.HANDLED.equals(row.getString(1))) {
                        return Claim.HANDLED;
                    }
                    String oldHolder = row.getString(2);
                    long until = row.getLong(3);
                    if (until > now) {
                        return Claim.IN_FLIGHT;
                    }
                    if (takeOver(connection, queue, messageId, now + duration, oldHolder, until)) {
                        LOG.debugf("Took over the expired claim of message %s of queue '%s' (holder %s)", messageId,
                                queue, oldHolder);
                        hold(queue, messageId, duration, now);
                        return Claim.CLAIMED;
                    }
                }
            }
            // the row kept changing under us: another instance is busy with the message
            return Claim.IN_FLIGHT;
        } catch (SQLException e) {
            throw failure("cannot be written", e);
        }
    }

    private boolean insertClaim(Connection connection, String queue, String messageId, long until)
            throws SQLException {
        try (PreparedStatement insert = key(connection, table.insertClaim, queue, messageId)) {
            insert.setString(3, holder);
            insert.setLong(4, until);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (duplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private boolean takeOver(Connection connection, String queue, String messageId, long until, String oldHolder,
            long oldUntil) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(table.takeOver)) {
            update.setString(1, holder);
            update.setLong(2, until);
            update.setString(3, queue);
            update.setString(4, messageId);
            update.setString(5, oldHolder);
            update.setLong(6, oldUntil);
            return update.executeUpdate() == 1;
        }
    }

    private void hold(String queue, String messageId, long duration, long now) {
        held.put(new Key(queue, messageId), new Held(duration, now + duration / 3));
    }

    @Override
    public void handled(String queue, String messageId) {
        held.remove(new Key(queue, messageId));
        try (Connection connection = connection()) {
            long now = clock.nowMillis();
            // whoever holds the claim now: every observer of this copy completed, so the message is handled
            try (PreparedStatement confirm = connection.prepareStatement(table.confirm)) {
                confirm.setLong(1, now);
                confirm.setString(2, queue);
                confirm.setString(3, messageId);
                if (confirm.executeUpdate() == 1) {
                    return;
                }
            }
            // no claim (the filter was unavailable when it was claimed, or its row was cleaned up)
            try (PreparedStatement insert = key(connection, table.insertHandled, queue, messageId)) {
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!duplicateKey(e)) {
                    throw e;
                }
                // claimed meanwhile by another copy: handled all the same
                try (PreparedStatement confirm = connection.prepareStatement(table.confirm)) {
                    confirm.setLong(1, now);
                    confirm.setString(2, queue);
                    confirm.setString(3, messageId);
                    confirm.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw failure("cannot be written", e);
        }
    }

    @Override
    public void release(String queue, String messageId) {
        held.remove(new Key(queue, messageId));
        try (Connection connection = connection();
                PreparedStatement delete = key(connection, table.release, queue, messageId)) {
            delete.setString(3, holder);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot be written", e);
        }
    }

    /**
     * Renews the claims this instance holds whose renewal is due: each then holds for its duration again.
     *
     * @return how many were renewed
     */
    public int renewClaims() {
        if (held.isEmpty()) {
            return 0;
        }
        int renewed = 0;
        try (Connection connection = connection(); PreparedStatement update = connection.prepareStatement(table.renew)) {
            for (Map.Entry<Key, Held> entry : held.entrySet()) {
                long now = clock.nowMillis();
                Held claim = entry.getValue();
                if (claim.renewAtMillis > now) {
                    continue;
                }
                update.setLong(1, now + claim.durationMillis);
                update.setString(2, entry.getKey().queue);
                update.setString(3, entry.getKey().messageId);
                update.setString(4, holder);
                if (update.executeUpdate() == 1) {
                    held.replace(entry.getKey(), claim, new Held(claim.durationMillis, now + claim.durationMillis / 3));
                    renewed++;
                } else if (held.remove(entry.getKey(), claim)) {
                    LOG.debugf("The claim of message %s of queue '%s' was taken over or is gone",
                            entry.getKey().messageId, entry.getKey().queue);
                }
            }
        } catch (SQLException e) {
            throw failure("cannot be written", e);
        }
        return renewed;
    }

    /**
     * Removes at most {@code batchSize} rows handled, or claimed and expired, more than {@code retention} ago.
     *
     * @return how many rows were removed: fewer than {@code batchSize} when no more are that old
     */
    public int removeOld(Duration retention, int batchSize) {
        try (Connection connection = connection()) {
            long before = clock.nowMillis() - retention.toMillis();
            int removed = removeOld(connection, table.selectHandledBefore, table.deleteHandled, before, batchSize);
            if (removed < batchSize) {
                removed += removeOld(connection, table.selectClaimedBefore, table.deleteClaimed, before,
                        batchSize - removed);
            }
            return removed;
        } catch (SQLException e) {
            throw failure("cannot be cleaned up", e);
        }
    }

    /** Selects a batch of keys (setMaxRows: a portable limit), then deletes them by key, in one batch. */
    private static int removeOld(Connection connection, String select, String delete, long before, int limit)
            throws SQLException {
        List<Key> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(select)) {
            query.setMaxRows(limit);
            query.setLong(1, before);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next() && keys.size() < limit) {
                    keys.add(new Key(rows.getString(1), rows.getString(2)));
                }
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        try (PreparedStatement deletion = connection.prepareStatement(delete)) {
            for (Key key : keys) {
                deletion.setString(1, key.queue);
                deletion.setString(2, key.messageId);
                deletion.setLong(3, before);
                deletion.addBatch();
            }
            deletion.executeBatch();
        }
        return keys.size();
    }

    /** Reads the database's clock again, which the claims' times follow. */
    public void syncClock() {
        try (Connection connection = dataSource.getConnection()) {
            clock.sync(connection);
        } catch (SQLException e) {
            throw failure("cannot be reached", e);
        }
    }

    /**
     * Starts the background work: renewing the claims held, reading the database's clock again now and then, and
     * removing old rows every {@code cleanupInterval}. {@link #close} stops it.
     */
    public void maintain(Duration retention, Duration cleanupInterval, int cleanupBatchSize) {
        maintenance = new TableMaintenance(this, retention, cleanupInterval, cleanupBatchSize);
    }

    /** Stops the background work, waiting for a statement under way. */
    @Override
    public void close() {
        TableMaintenance running = maintenance;
        if (running != null) {
            running.close();
        }
    }

    /** @return how many claims this instance holds */
    public int heldClaims() {
        return held.size();
    }

    /** @return the id this instance's claims are held with */
    public String holder() {
        return holder;
    }

    @Override
    public String toString() {
        return "the duplicate filter on table " + table.name + " of " + description;
    }

    /** A connection, with the table created and the clock read if startup could not do it. */
    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (!clock.known()) {
                clock.sync(connection);
            }
            ensureTable(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static PreparedStatement key(Connection connection, String sql, String queue, String messageId)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, queue);
        statement.setString(2, messageId);
        return statement;
    }

    /** A duplicate primary key: SQLState class 23 (integrity constraint violation) on every database. */
    static boolean duplicateKey(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (next instanceof SQLIntegrityConstraintViolationException
                    || next.getSQLState() != null && next.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("The duplicate filter's table " + table.name + " on " + description + " "
                + what + ": " + e.getMessage(), e);
    }
}
