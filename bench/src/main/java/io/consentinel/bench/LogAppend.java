package io.consentinel.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * (i)'s part of a group commit that (h) leaves out, as the service's zone writer does it (zones.ZoneWriter,
 * zones.ZoneLog, transparency.LogTables, zones.ReceiptRanges): the chain head's row lock, which orders groups
 * across nodes; an RFC 9162 leaf hash per decision and the subtrees each append closes, stored in blocks of
 * 32 by one upsert; the group's receipt range; the head's new sequence and frontier. The statements are the
 * service's, copied; the leaf's bytes are a decision's size, not its canonical JSON.
 */
final class LogAppend {

    private static final int BLOCK = 32;
    private static final String LOCK =
            "select last_sequence, tree_size, tree_frontier from chain_head where id = 1 for update";
    private static final String BLOCKS = "insert into log_node_blocks as b (level, block, hashes)"
            + " select * from unnest(?::smallint[], ?::bigint[], ?::bytea[])"
            + " on conflict (level, block) do update set hashes = b.hashes || excluded.hashes"
            + " returning level, block, octet_length(hashes)";
    private static final String RECEIPTS = "with lowered as ("
            + " update receipt_ranges set earliest_from_here = ? where earliest_from_here > ?)"
            + " insert into receipt_ranges"
            + " (last_sequence, first_sequence, earliest, latest, earliest_from_here, latest_so_far)"
            + " values (?, ?, ?, ?, ?, greatest(?, (select latest_so_far from receipt_ranges"
            + " order by last_sequence desc limit 1)))";
    private static final String MOVE_HEAD =
            "update chain_head set last_sequence = ?, tree_size = ?, tree_frontier = ? where id = 1";

    private final Connection connection;
    private final PreparedStatement lock;
    private final PreparedStatement blocks;
    private final PreparedStatement receipts;
    private final PreparedStatement moveHead;
    private final MessageDigest sha;
    /** The roots of the tree's complete subtrees, largest first, as the head row holds them. */
    private final List<byte[]> frontier = new ArrayList<>();
    /** The subtrees closed by this group's appends, by (level, block), in order. */
    private final Map<Long, Closed> closed = new LinkedHashMap<>();

    private long treeSize;

    LogAppend(Connection connection) throws SQLException {
        this.connection = connection;
        this.lock = connection.prepareStatement(LOCK);
        this.blocks = connection.prepareStatement(BLOCKS);
        this.receipts = connection.prepareStatement(RECEIPTS);
        this.moveHead = connection.prepareStatement(MOVE_HEAD);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Locks the head in the group's transaction; its last sequence. The frontier is read from the row, as the service does. */
    long lockHead() throws SQLException {
        closed.clear();
        frontier.clear();
        try (ResultSet rs = lock.executeQuery()) {
            rs.next();
            long last = rs.getLong(1);
            treeSize = rs.getLong(2);
            byte[] packed = rs.getBytes(3);
            for (int at = 0; at < packed.length; at += 32) {
                frontier.add(Arrays.copyOfRange(packed, at, at + 32));
            }
            return last;
        }
    }

    /** Appends the leaf of decision {@code sequence} (leaf {@code sequence - 1}). */
    void leaf(long sequence, UUID eventId, String subject, Timestamp received) {
        sha.update((byte) 0);
        sha.update(("{\"appId\":\"mi-browser\",\"eventId\":\"" + eventId + "\",\"subjectRef\":\"" + subject
                        + "\",\"sequence\":" + sequence + ",\"receivedAt\":\"" + received
                        + "\",\"fields\":[{\"path\":\"url\",\"category\":\"browsing\",\"action\":\"truncate\"},"
                        + "{\"path\":\"device.imei\",\"category\":\"device_identifier\",\"action\":\"hash\"},"
                        + "{\"path\":\"ip\",\"category\":\"network\",\"action\":\"truncate\"}],\"outcome\":"
                        + "\"anonymised\",\"reasons\":[\"NO_CONSENT\"],\"policyVersion\":\"1\",\"zone\":\"in\"}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] hash = sha.digest();
        long index = treeSize;
        int level = 0;
        close(level, index, hash);
        while ((index & 1) == 1) {
            sha.update((byte) 1);
            sha.update(frontier.removeLast());
            sha.update(hash);
            hash = sha.digest();
            level++;
            index >>= 1;
            close(level, index, hash);
        }
        frontier.add(hash);
        treeSize++;
    }

    private void close(int level, long index, byte[] hash) {
        closed.computeIfAbsent(((long) level << 56) | (index / BLOCK), key -> new Closed(level, index / BLOCK))
                .add(hash);
    }

    /** The group's log blocks, receipt range and head, after its rows. */
    void finish(long first, long last, Timestamp received) throws SQLException {
        int n = closed.size();
        Integer[] levels = new Integer[n];
        Long[] indexes = new Long[n];
        byte[][] hashes = new byte[n][];
        int i = 0;
        for (Closed c : closed.values()) {
            levels[i] = c.level;
            indexes[i] = c.block;
            hashes[i] = c.hashes();
            i++;
        }
        Array levelArray = connection.createArrayOf("int4", levels);
        Array indexArray = connection.createArrayOf("int8", indexes);
        Array hashArray = connection.createArrayOf("bytea", hashes);
        blocks.setArray(1, levelArray);
        blocks.setArray(2, indexArray);
        blocks.setArray(3, hashArray);
        try (ResultSet rs = blocks.executeQuery()) {
            while (rs.next()) {
                // The service checks each block's new length against the head; reading them is its cost too.
                rs.getInt(3);
            }
        }
        receipts.setTimestamp(1, received);
        receipts.setTimestamp(2, received);
        receipts.setLong(3, last);
        receipts.setLong(4, first);
        receipts.setTimestamp(5, received);
        receipts.setTimestamp(6, received);
        receipts.setTimestamp(7, received);
        receipts.setTimestamp(8, received);
        receipts.executeUpdate();
        byte[] packed = new byte[frontier.size() * 32];
        for (int k = 0; k < frontier.size(); k++) {
            System.arraycopy(frontier.get(k), 0, packed, k * 32, 32);
        }
        moveHead.setLong(1, last);
        moveHead.setLong(2, treeSize);
        moveHead.setBytes(3, packed);
        moveHead.executeUpdate();
    }

    private static final class Closed {
        final int level;
        final long block;
        final List<byte[]> hashes = new ArrayList<>();

        Closed(int level, long block) {
            this.level = level;
            this.block = block;
        }

        void add(byte[] hash) {
            hashes.add(hash);
        }

        byte[] hashes() {
            byte[] all = new byte[hashes.size() * 32];
            for (int k = 0; k < hashes.size(); k++) {
                System.arraycopy(hashes.get(k), 0, all, k * 32, 32);
            }
            return all;
        }
    }
}
