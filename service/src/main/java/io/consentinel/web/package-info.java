/** HTTP plumbing shared by every feature: RFC 9457 problem details and request limits. */
package io.consentinel.web;
