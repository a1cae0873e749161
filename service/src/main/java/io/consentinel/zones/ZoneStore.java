package io.consentinel.zones;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One store that holds decisions (and, for a residency zone, events). {@code residency} is false only for
 * the control store's home for decisions that have no zone.
 */
public record ZoneStore(
        String name, boolean residency, DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {}
