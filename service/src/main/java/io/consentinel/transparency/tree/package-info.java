/**
 * The pure Merkle tree core of the transparency logs (RFC 9162 section 2.1): hashing, appending, proofs.
 *
 * <p>A named interface of the {@code transparency} module: the zone stores and the consent ledger keep
 * their own logs with it, so they use it directly rather than through a service of the module.
 */
@NamedInterface("tree")
package io.consentinel.transparency.tree;

import org.springframework.modulith.NamedInterface;
