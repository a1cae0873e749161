/**
 * The policy document: parsing and validation (pure, reporting every problem with a JSON pointer),
 * immutable versions in the control store, and the active version cached on every node.
 */
package io.consentinel.policy;
