package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ledger writer's timestamp literals, over seeded random instants (each seed reproduces one case): PostgreSQL
 * reads each as the same timestamptz that the JDBC driver stores for the instant on the entity path, rounding
 * to microseconds included, from 4713 BC to far beyond 9999.
 */
class TimestampLiteralProperties {

    private static final long YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    /** 4713 BC, the earliest timestamptz. */
    private static final long YEAR_MINUS_4712 =
            Instant.parse("-4712-01-02T00:00:00Z").getEpochSecond();

    private static final long YEAR_100000 =
            Instant.parse("+100000-01-01T00:00:00Z").getEpochSecond();
    private static Connection connection;

    @BeforeAll
    static void connect() throws SQLException {
        TestDatabases server = TestDatabases.shared();
        connection = DriverManager.getConnection(
                server.database("timestamp_literals"), server.username(), server.password());
    }

    @AfterAll
    static void disconnect() throws SQLException {
        connection.close();
    }

    static LongStream seeds() {
        return LongStream.range(0, 1000);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void postgresqlReadsTheLiteralAsTheDriverStoresTheInstant(long seed) throws SQLException {
        Instant instant = instant(new Random(seed));
        try (PreparedStatement select = connection.prepareStatement("select ?::timestamptz, ?::timestamptz")) {
            select.setString(1, RecordGroups.timestamptz(instant));
            select.setObject(2, instant.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).as("%s", instant).isEqualTo(rs.getString(2));
            }
        }
    }

    /** Mostly recent times, with nanoseconds that sit on or near a rounding edge. */
    private static Instant instant(Random random) {
        long second = switch (random.nextInt(4)) {
            case 0 -> random.nextLong(YEAR_MINUS_4712, YEAR_100000);
            case 1 -> random.nextLong(YEAR_1, YEAR_1 + 86_400L * 366);
            default -> Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() + random.nextLong(0, 86_400L * 366);
        };
        int nano = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1_000) * 1_000 + 500; // exactly half a microsecond
            case 1 -> 999_999_000 + random.nextInt(1_000); // may round up into the next second
            case 2 -> random.nextInt(1_000_000) * 1_000; // whole microseconds
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nano);
    }
}
