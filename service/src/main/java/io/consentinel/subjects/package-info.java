/** Subject rights (access report and erasure across every zone) and the retention purge of expired events. */
package io.consentinel.subjects;
