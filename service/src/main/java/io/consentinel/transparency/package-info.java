/**
 * Transparency logs an outsider can check: one Merkle log per store (RFC 9162), signed C2SP checkpoints,
 * inclusion and consistency proofs, and the endpoints that serve them.
 */
package io.consentinel.transparency;
