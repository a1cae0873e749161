package io.consentinel.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Realistic telemetry: every event type of the default policy with the attributes its policy classifies,
 * sometimes an unclassified extra, now and then an unknown type or an unsupported jurisdiction. 5% of
 * events come from subjects without consent records.
 */
final class Events {

    static final String[] EU = {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"
    };
    static final String[] APPS = {"mi-browser", "mi-music", "mi-system"};

    /** The subjects that have consent records. */
    record Subjects(String[] ids) {
        String pick(ThreadLocalRandom random) {
            return ids[random.nextInt(ids.length)];
        }
    }

    private static final String[] MODELS = {"Redmi Note 13", "Xiaomi 14", "POCO X6", "Redmi 13C", "Mi 11X"};
    private static final String[] SITES = {
        "news.example", "shop.example", "video.example", "mail.example", "wiki.example"
    };
    private static final String[] PACKAGES = {
        "com.mi.browser",
        "com.mi.music",
        "com.whatsapp",
        "com.instagram.android",
        "in.amazon.mShop.android.shopping",
        "com.google.android.youtube"
    };
    private static final String[] ARTISTS = {
        "A. R. Rahman", "Arijit Singh", "Daft Punk", "Nina Simone", "Shreya Ghoshal"
    };
    private static final String[] GENRES = {"bollywood", "electronic", "jazz", "indie", "classical"};
    private static final String[] NETWORKS = {"wifi", "4g", "5g", "3g"};
    private static final String[] EXCEPTIONS = {
        "java.lang.NullPointerException",
        "java.lang.IllegalStateException",
        "android.view.WindowManager$BadTokenException",
        "java.lang.OutOfMemoryError"
    };

    private final ThreadLocalRandom r;
    private final Subjects subjects;

    Events(ThreadLocalRandom random, Subjects subjects) {
        this.r = random;
        this.subjects = subjects;
    }

    void append(StringBuilder b, String app) {
        Instant now = Instant.now();
        String type = type();
        boolean known = r.nextInt(100) >= 5;
        // Devices without a consent record send repeatedly too: a pool a tenth the size of the consented one.
        String subject = known ? subjects.pick(r) : "anon-" + r.nextInt(Math.max(100, subjects.ids().length / 10));
        String jurisdiction = r.nextInt(100) == 0 ? "BR" : r.nextBoolean() ? "IN" : EU[r.nextInt(EU.length)];
        b.append("{\"eventId\":\"")
                .append(uuid(r))
                .append("\",\"appId\":\"")
                .append(app)
                .append("\",\"subjectId\":\"")
                .append(subject)
                .append("\",\"type\":\"")
                .append(type)
                .append("\",\"occurredAt\":\"")
                .append(time(now, 1, 30_000))
                .append("\",\"jurisdiction\":\"")
                .append(jurisdiction)
                .append("\",\"attributes\":");
        attributes(b, type, now);
        b.append('}');
    }

    /**
     * The same event as a Segment track message: the type as the event name (the default policy has no
     * {@code eventNames}, so a name passes through as the type), the attributes as {@code properties}, the
     * jurisdiction as {@code context.location.country}, sent by an app whose key is the write key.
     */
    void appendSegment(StringBuilder b) {
        Instant now = Instant.now();
        String type = type();
        boolean known = r.nextInt(100) >= 5;
        String subject = known ? subjects.pick(r) : "anon-" + r.nextInt(Math.max(100, subjects.ids().length / 10));
        String jurisdiction = r.nextInt(100) == 0 ? "BR" : r.nextBoolean() ? "IN" : EU[r.nextInt(EU.length)];
        b.append("{\"type\":\"track\",\"messageId\":\"")
                .append(uuid(r))
                .append("\",\"userId\":\"")
                .append(subject)
                .append("\",\"event\":\"")
                .append(type)
                .append("\",\"timestamp\":\"")
                .append(time(now, 1, 30_000))
                .append("\",\"context\":{\"location\":{\"country\":\"")
                .append(jurisdiction)
                .append("\"},\"library\":{\"name\":\"consentinel-bench\",\"version\":\"1\"}},\"properties\":");
        attributes(b, type, now);
        b.append('}');
    }

    private String type() {
        int roll = r.nextInt(1000);
        String type = roll < 350
                ? "browsing.page_view"
                : roll < 550
                        ? "app.usage_session"
                        : roll < 650
                                ? "music.play"
                                : roll < 850
                                        ? "device.heartbeat"
                                        : roll < 950
                                                ? "location.update"
                                                : roll < 990
                                                        ? "crash.report"
                                                        : "ads.click"; // not in the policy: rejected,
        // EVENT_TYPE_UNKNOWN
        return type;
    }

    /** The attributes object of an event of this type. */
    private void attributes(StringBuilder b, String type, Instant now) {
        b.append('{');
        switch (type) {
            case "browsing.page_view" -> {
                String site = SITES[r.nextInt(SITES.length)];
                b.append("\"url\":\"https://")
                        .append(site)
                        .append("/story/")
                        .append(r.nextInt(100_000))
                        .append("?utm_source=feed&id=")
                        .append(r.nextInt(1000))
                        .append("\",");
                b.append("\"referrer\":\"https://search.example/q?text=")
                        .append(r.nextInt(1_000_000))
                        .append("\",");
                b.append("\"title\":\"Story number ")
                        .append(r.nextInt(100_000))
                        .append(" on ")
                        .append(site)
                        .append("\",");
                if (r.nextInt(4) == 0) {
                    b.append("\"searchQuery\":\"cheap flights to goa ")
                            .append(r.nextInt(100))
                            .append("\",");
                }
                device(b, true, true, true, false);
                b.append(",\"ip\":\"").append(ip()).append('"');
                b.append(",\"location\":{\"lat\":")
                        .append(lat())
                        .append(",\"lon\":")
                        .append(lon())
                        .append('}');
                b.append(",\"durationMs\":").append(r.nextInt(120_000));
                b.append(",\"scrollDepthPct\":").append(r.nextInt(101));
                b.append(",\"viewedAt\":\"").append(time(now, 1, 30_000)).append('"');
            }
            case "app.usage_session" -> {
                b.append("\"packageName\":\"")
                        .append(PACKAGES[r.nextInt(PACKAGES.length)])
                        .append("\",");
                b.append("\"foregroundMs\":").append(r.nextInt(3_600_000)).append(',');
                b.append("\"launchCount\":").append(1 + r.nextInt(20)).append(',');
                b.append("\"sessionStart\":\"")
                        .append(time(now, 60_000, 3_600_000))
                        .append("\",");
                b.append("\"sessionEnd\":\"").append(time(now, 1, 60_000)).append("\",");
                device(b, true, true, true, false);
                b.append(",\"appVersion\":\"")
                        .append(14 + r.nextInt(3))
                        .append('.')
                        .append(r.nextInt(10))
                        .append(".2\"");
                b.append(",\"ip\":\"").append(ip()).append('"');
            }
            case "music.play" -> {
                b.append("\"tracks\":[");
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "")
                            .append("{\"artist\":\"")
                            .append(ARTISTS[r.nextInt(ARTISTS.length)])
                            .append("\",\"title\":\"Track ")
                            .append(r.nextInt(10_000))
                            .append("\",\"genre\":\"")
                            .append(GENRES[r.nextInt(GENRES.length)])
                            .append("\",\"durationMs\":")
                            .append(120_000 + r.nextInt(240_000))
                            .append(",\"playedMs\":")
                            .append(r.nextInt(240_000))
                            .append('}');
                }
                b.append("],\"playlistId\":\"pl-").append(r.nextInt(100_000)).append("\",");
                b.append("\"source\":\"")
                        .append(r.nextBoolean() ? "radio" : "library")
                        .append("\",");
                b.append("\"startedAt\":\"").append(time(now, 1, 600_000)).append("\",");
                device(b, true, false, false, false);
                b.append(",\"ip\":\"").append(ip()).append('"');
            }
            case "device.heartbeat" -> {
                device(b, true, true, true, true);
                b.append(",\"appVersion\":\"").append(14 + r.nextInt(3)).append(".0.1\"");
                b.append(",\"batteryPct\":").append(r.nextInt(101));
                b.append(",\"networkType\":\"")
                        .append(NETWORKS[r.nextInt(NETWORKS.length)])
                        .append('"');
                b.append(",\"ip\":\"").append(ip()).append('"');
                b.append(",\"sentAt\":\"").append(time(now, 1, 5_000)).append('"');
            }
            case "location.update" -> {
                b.append("\"lat\":").append(lat()).append(",\"lon\":").append(lon());
                b.append(",\"accuracyM\":").append(3 + r.nextInt(50));
                b.append(",\"altitudeM\":").append(r.nextInt(900)).append('.').append(r.nextInt(10));
                b.append(",\"recordedAt\":\"").append(time(now, 1, 10_000)).append('"');
                b.append(",\"wifi\":[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "")
                            .append("{\"bssid\":\"")
                            .append(mac())
                            .append("\",\"rssi\":")
                            .append(-30 - r.nextInt(60))
                            .append('}');
                }
                b.append("],");
                device(b, true, false, false, false);
                b.append(",\"ip\":\"").append(ip()).append('"');
            }
            case "crash.report" -> {
                String exception = EXCEPTIONS[r.nextInt(EXCEPTIONS.length)];
                b.append("\"exception\":{\"type\":\"").append(exception).append("\"},");
                b.append("\"stackTrace\":\"").append(exception).append(": boom");
                for (int i = 0; i < 8; i++) {
                    b.append("\\n\\tat com.mi.app.Screen")
                            .append(r.nextInt(50))
                            .append(".onResume(Screen.java:")
                            .append(r.nextInt(400))
                            .append(')');
                }
                b.append("\",\"threads\":[{\"name\":\"main\",\"frames\":")
                        .append(20 + r.nextInt(40))
                        .append("},{\"name\":\"RenderThread\",\"frames\":")
                        .append(5 + r.nextInt(10))
                        .append("}],");
                b.append("\"appVersion\":\"15.1.2\",\"memoryFreeMb\":")
                        .append(r.nextInt(2048))
                        .append(',');
                b.append("\"crashedAt\":\"").append(time(now, 1, 10_000)).append("\",");
                device(b, true, true, false, false);
                b.append(",\"ip\":\"").append(ip()).append('"');
                b.append(",\"location\":{\"lat\":")
                        .append(lat())
                        .append(",\"lon\":")
                        .append(lon())
                        .append('}');
                b.append(",\"breadcrumbs\":[{\"screen\":\"home\",\"at\":\"")
                        .append(time(now, 20_000, 60_000))
                        .append("\"},{\"screen\":\"settings\",\"at\":\"")
                        .append(time(now, 1, 20_000))
                        .append("\"}]");
            }
            default -> { // ads.click
                b.append("\"adId\":\"ad-").append(r.nextInt(100_000)).append("\",");
                device(b, false, false, true, false);
            }
        }
        if (r.nextInt(10) == 0) {
            b.append(",\"experimentId\":\"exp-").append(r.nextInt(100)).append('"'); // unclassified: dropped
        }
        b.append('}');
    }

    private void device(StringBuilder b, boolean imei, boolean androidId, boolean advertisingId, boolean heartbeat) {
        b.append("\"device\":{\"model\":\"")
                .append(MODELS[r.nextInt(MODELS.length)])
                .append('"');
        if (imei) {
            b.append(",\"imei\":\"")
                    .append(35 + r.nextInt(60))
                    .append(r.nextLong(1_000_000_000_000L, 9_999_999_999_999L))
                    .append('"');
        }
        if (androidId) {
            b.append(",\"androidId\":\"")
                    .append(Long.toHexString(r.nextLong() | Long.MIN_VALUE))
                    .append('"');
        }
        if (advertisingId) {
            b.append(",\"advertisingId\":\"")
                    .append(new UUID(r.nextLong(), r.nextLong()))
                    .append('"');
        }
        if (heartbeat) {
            b.append(",\"serial\":\"SN")
                    .append(r.nextLong(100_000_000L, 999_999_999L))
                    .append('"');
            b.append(",\"osVersion\":\"HyperOS ").append(1 + r.nextInt(2)).append(".0\"");
        }
        b.append('}');
    }

    private String ip() {
        if (r.nextInt(5) == 0) {
            return "2401:4900:" + Integer.toHexString(r.nextInt(65536)) + ":" + Integer.toHexString(r.nextInt(65536))
                    + "::" + Integer.toHexString(1 + r.nextInt(65535));
        }
        return (100 + r.nextInt(100)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private String lat() {
        return degrees(8, 44);
    }

    private String lon() {
        return degrees(-5, 95);
    }

    /** Six decimals without String.format, which would cost the load generator more than the service. */
    private String degrees(int from, int span) {
        long micro = r.nextLong((long) span * 1_000_000L);
        long whole = from + micro / 1_000_000L;
        String fraction = Long.toString(1_000_000L + micro % 1_000_000L).substring(1);
        return whole + "." + fraction;
    }

    private String mac() {
        long bits = r.nextLong();
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            s.append(i > 0 ? ":" : "")
                    .append(Character.forDigit((int) (bits >>> (8 * i + 4)) & 15, 16))
                    .append(Character.forDigit((int) (bits >>> (8 * i)) & 15, 16));
        }
        return s.toString();
    }

    private String time(Instant now, long minAgoMs, long maxAgoMs) {
        return now.minusMillis(r.nextLong(minAgoMs, maxAgoMs))
                .truncatedTo(ChronoUnit.MILLIS)
                .toString();
    }

    /** A version-4 UUID from a non-blocking random source (UUID.randomUUID() serialises on SecureRandom). */
    static UUID uuid(ThreadLocalRandom r) {
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
