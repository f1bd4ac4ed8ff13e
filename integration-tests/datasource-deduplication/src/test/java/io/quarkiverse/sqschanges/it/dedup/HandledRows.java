package io.quarkiverse.sqschanges.it.dedup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Reads the duplicate filter's table as the tests see it. */
final class HandledRows {

    private HandledRows() {
    }

    /** @return the state of a message's row ({@code CLAIMED}, {@code HANDLED}), or {@code null} without one */
    static String state(DataSource dataSource, String table, String queue, String messageId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT state FROM " + table + " WHERE queue_name = ? AND message_id = ?")) {
            select.setString(1, queue);
            select.setString(2, messageId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
