/**
 * The OpenAPI description of the HTTP API: security scheme, request schemas and examples, and the roles each
 * operation allows. It reads the other modules' annotations; nothing depends on it.
 */
package io.consentinel.openapi;
