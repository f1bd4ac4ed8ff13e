package io.quarkiverse.sqschanges.runtime.dedup;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL of the table of claimed and handled message ids: portable statements only (PostgreSQL, MySQL, MariaDB,
 * H2), with times as {@code BIGINT} milliseconds since the epoch on the database's clock, so that neither column
 * types nor time zones differ between databases or instances.
 */
final class DuplicateTable {

    static final String CLAIMED = "CLAIMED";
    static final String HANDLED = "HANDLED";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    final String name;
    final String insertClaim;
    final String selectRow;
    final String takeOver;
    final String renew;
    final String confirm;
    final String insertHandled;
    final String release;
    final String selectHandledBefore;
    final String deleteHandled;
    final String selectClaimedBefore;
    final String deleteClaimed;
    final String probe;

    /** @param name a table name, checked with {@link #validName} */
    DuplicateTable(String name) {
        this.name = name;
        String key = " WHERE queue_name = ? AND message_id = ?";
        insertClaim = "INSERT INTO " + name + " (queue_name, message_id, state, holder, claimed_until, handled_at)"
                + " VALUES (?, ?, '" + CLAIMED + "', ?, ?, NULL)";
        selectRow = "SELECT state, holder, claimed_until FROM " + name + key;
        takeOver = "UPDATE " + name + " SET holder = ?, claimed_until = ?" + key + " AND state = '" + CLAIMED
                + "' AND holder = ? AND claimed_until = ?";
        renew = "UPDATE " + name + " SET claimed_until = ?" + key + " AND state = '" + CLAIMED + "' AND holder = ?";
        confirm = "UPDATE " + name + " SET state = '" + HANDLED + "', holder = NULL, handled_at = ?" + key;
        insertHandled = "INSERT INTO " + name + " (queue_name, message_id, state, holder, claimed_until, handled_at)"
                + " VALUES (?, ?, '" + HANDLED + "', NULL, ?, ?)";
        release = "DELETE FROM " + name + key + " AND state = '" + CLAIMED + "' AND holder = ?";
        selectHandledBefore = "SELECT queue_name, message_id FROM " + name + " WHERE state = '" + HANDLED
                + "' AND handled_at < ?";
        deleteHandled = "DELETE FROM " + name + key + " AND state = '" + HANDLED + "' AND handled_at < ?";
        selectClaimedBefore = "SELECT queue_name, message_id FROM " + name + " WHERE state = '" + CLAIMED
                + "' AND claimed_until < ?";
        deleteClaimed = "DELETE FROM " + name + key + " AND state = '" + CLAIMED + "' AND claimed_until < ?";
        probe = "SELECT queue_name, message_id, state, holder, claimed_until, handled_at FROM " + name
                + " WHERE 1 = 0";
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** @return the statements that create the table and its index, as the guide gives them */
    List<String> ddl() {
        String bare = name.substring(name.indexOf('.') + 1);
        return List.of("CREATE TABLE " + name + " (\n"
                + "    queue_name    VARCHAR(255) NOT NULL,\n"
                + "    message_id    VARCHAR(128) NOT NULL,\n"
                + "    state         VARCHAR(16)  NOT NULL,\n"
                + "    holder        VARCHAR(64),\n"
                + "    claimed_until BIGINT       NOT NULL,\n"
                + "    handled_at    BIGINT,\n"
                + "    PRIMARY KEY (queue_name, message_id)\n"
                + ")",
                "CREATE INDEX " + bare + "_handled_at ON " + name + " (handled_at)");
    }
}
