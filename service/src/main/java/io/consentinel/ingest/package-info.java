/**
 * Drop-in ingestion from existing SDKs and standards: the Segment/RudderStack HTTP API and OTLP/HTTP JSON
 * logs. Each adapter only maps its messages to events and hands them to {@code events.EventIntake}, the
 * same validation, decision, residency, idempotency and audit as {@code POST /v1/events}.
 */
package io.consentinel.ingest;
