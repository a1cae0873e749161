/** One store per residency zone: its DataSource, schema, hash-chained decisions and the group-commit writer. */
package io.consentinel.zones;
