/** The policy document: parsing and validation, immutable versions in the control store, and the active one. */
package io.consentinel.policy;
