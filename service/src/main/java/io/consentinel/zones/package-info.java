/** One store per residency zone: its DataSource, schema, decisions, their transparency log and the group-commit writer. */
package io.consentinel.zones;
