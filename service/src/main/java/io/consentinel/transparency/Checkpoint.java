package io.consentinel.transparency;

import java.time.Instant;

/** A checkpoint the service signed: the tree size, its root, and the signed note as served. */
public record Checkpoint(long treeSize, byte[] root, String note, Instant signedAt) {}
