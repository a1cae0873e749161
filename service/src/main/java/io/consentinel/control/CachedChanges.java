package io.consentinel.control;

/** A node-local cache of control-store data, told when another node (or this one) changed it. */
public interface CachedChanges {

    /** The kind of change this cache holds. */
    ChangeKind kind();

    /** One entry changed; {@code subject} is the key the writer logged (a subject id, a key hash...). */
    void evict(String subject);

    /** The node fell too far behind to know what changed: forget everything. */
    void evictAll();
}
