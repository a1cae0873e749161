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
}
