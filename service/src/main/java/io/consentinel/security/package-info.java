/** API keys and roles: who may call what. Keys are stored hashed and shown once. */
package io.consentinel.security;
