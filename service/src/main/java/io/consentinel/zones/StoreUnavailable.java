package io.consentinel.zones;

/**
 * A zone store that is down, or did not commit in time; nothing of the write was committed. A domain
 * failure with no HTTP in it: the ingest path that awaits the write turns it into the API's 503 problem
 * with Retry-After ({@code web.StoreUnavailableException}), saying which stores failed.
 */
public class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String detail, Throwable cause) {
        super(detail, cause);
    }
}
