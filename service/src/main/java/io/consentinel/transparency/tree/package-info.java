/** The pure Merkle tree core of the transparency logs (RFC 9162 section 2.1): hashing, appending, proofs. */
package io.consentinel.transparency.tree;
