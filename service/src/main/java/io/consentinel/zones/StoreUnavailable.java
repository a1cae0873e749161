package io.consentinel.zones;

/**
 * A zone store that is down, or did not commit in time; nothing of the write was committed. A domain
 * failure with no HTTP in it: the API path that meets it (ingestion awaiting a write, an export opening
 * its cursors) turns it into the API's 503 problem with Retry-After ({@code web.StoreUnavailableException}).
 */
public class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String detail, Throwable cause) {
        super(detail, cause);
    }

    /** The store could not be reached at all, so nothing of the write reached it. */
    static StoreUnavailable nothingWritten(String store, Throwable cause) {
        return new StoreUnavailable("Zone store " + store + " is unavailable; nothing was written", cause);
    }
}
