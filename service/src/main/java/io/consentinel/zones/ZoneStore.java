package io.consentinel.zones;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One store that holds decisions (and, for a residency zone, events). {@code residency} is false only for
 * the control store's home for decisions that have no zone.
 *
 * <p>Other features name a store by this handle and read or change its rows through the zones package's
 * own classes ({@link DecisionQueries}, {@link SubjectRows}, {@link ExpiredEvents}, {@link ChainHeads}): the
 * connection accessors are for zones and for tests that inspect or tamper with rows, and
 * {@code ZonesArchitectureTests} keeps every other main class off them.
 *
 * <p>{@code writes} is the zone writer's own small pool, to the same database: audit queries and exports
 * can hold every connection of the main pool for minutes, and ingestion must not wait for them.
 */
public record ZoneStore(
        String name,
        boolean residency,
        DataSource dataSource,
        JdbcClient jdbc,
        TransactionTemplate transactions,
        DataSource writes) {}
