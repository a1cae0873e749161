/**
 * The officer console at {@code /}: server-rendered pages for the people who answer to the regulator.
 * It reads only through the API's own services ({@code audit.AuditReads}, {@code subjects.SubjectRights},
 * {@code policy.PolicyReads}, {@code events.DryRun}, {@code security.KeyAdministration}), never through a
 * query of its own. Untrusted values are always written as text. See docs/CONSOLE.md.
 */
package io.consentinel.console;
