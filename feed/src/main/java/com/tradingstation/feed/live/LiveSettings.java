package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Venue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings of the live connectors. Defaults follow the venues' documents (see {@link VenueSpec})
 * and are argued in docs/OPERATIONS.md; tests compress the time-based ones to seconds.
 * Immutable; build with {@link #builder()}.
 */
public final class LiveSettings
{
    /** Default streams per connection: the venues allow 1024; futures clients commonly hold 200. */
    public static final int DEFAULT_STREAMS_PER_CONNECTION = 200;
    /** Default REST depth limit. */
    public static final int DEFAULT_SNAPSHOT_LIMIT = 1000;
    /** Default age at which a connection is replaced (make-before-break), under the venues' 24 h. */
    public static final long DEFAULT_ROLLOVER_AFTER_MS = 23L * 3600_000L;
    /** Default share of a venue's REST weight limit the station lets itself use. */
    public static final double DEFAULT_WEIGHT_FRACTION = 0.5;

    private final Map<Venue, String> wsBase;
    private final Map<Venue, String> restBase;
    private final Map<Venue, String> depthInterval;
    private final Map<Venue, Integer> weightBudget;
    private final int streamsPerConnection;
    private final int snapshotLimit;
    private final long silenceMs;
    private final long rolloverAfterMs;
    private final long overlapTimeoutMs;
    private final long reconnectBaseMs;
    private final long reconnectMaxMs;
    private final int connectAttemptsPer5Min;
    private final int snapshotsInFlight;
    private final Path trustStore;
    private final String trustStorePassword;
    private final int receiveBufferBytes;
    private final long connectTimeoutMs;
    private final long seed;
    private final long tickerLagMs;

    private LiveSettings(final Builder b)
    {
        this.tickerLagMs = b.tickerLagMs;
        this.wsBase = Map.copyOf(b.wsBase);
        this.restBase = Map.copyOf(b.restBase);
        this.depthInterval = Map.copyOf(b.depthInterval);
        this.weightBudget = Map.copyOf(b.weightBudget);
        this.streamsPerConnection = b.streamsPerConnection;
        this.snapshotLimit = b.snapshotLimit;
        this.silenceMs = b.silenceMs;
        this.rolloverAfterMs = b.rolloverAfterMs;
        this.overlapTimeoutMs = b.overlapTimeoutMs;
        this.reconnectBaseMs = b.reconnectBaseMs;
        this.reconnectMaxMs = b.reconnectMaxMs;
        this.connectAttemptsPer5Min = b.connectAttemptsPer5Min;
        this.snapshotsInFlight = b.snapshotsInFlight;
        this.trustStore = b.trustStore;
        this.trustStorePassword = b.trustStorePassword;
        this.receiveBufferBytes = b.receiveBufferBytes;
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.seed = b.seed;
    }

    /** @return a builder with the documented defaults. */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @param venue a venue.
     * @return its WebSocket base URL (no trailing slash).
     */
    public String wsBase(final Venue venue)
    {
        return wsBase.getOrDefault(venue, VenueSpec.of(venue).defaultWsBase());
    }

    /**
     * @param venue a venue.
     * @return its REST base URL (no trailing slash).
     */
    public String restBase(final Venue venue)
    {
        return restBase.getOrDefault(venue, VenueSpec.of(venue).defaultRestBase());
    }

    /**
     * @param venue a venue.
     * @return its depth stream interval ("100ms" unless set; "0ms" selects futures' unthrottled stream).
     */
    public String depthInterval(final Venue venue)
    {
        return depthInterval.getOrDefault(venue, "100ms");
    }

    /**
     * @param venue a venue.
     * @return REST weight per minute the station allows itself on that venue.
     */
    public int weightBudget(final Venue venue)
    {
        final Integer set = weightBudget.get(venue);
        return set != null ? set : (int)(VenueSpec.of(venue).weightLimitPerMinute() * DEFAULT_WEIGHT_FRACTION);
    }

    /**
     * The silence limit: a connection that delivered no frame at all (data, ping or pong) for this
     * long is dead. Default: 1.5 × the venue's ping interval (spot 30 s, futures 270 s), so a
     * connection on a quiet market that still gets its pings is never taken for dead.
     *
     * @param venue a venue.
     * @return the limit.
     */
    public long silenceMs(final Venue venue)
    {
        return silenceMs > 0 ? silenceMs : VenueSpec.of(venue).serverPingIntervalMs() * 3 / 2;
    }

    /** @return streams per connection. */
    public int streamsPerConnection()
    {
        return streamsPerConnection;
    }

    /** @return REST depth limit asked for (rounded up to one the venue accepts). */
    public int snapshotLimit()
    {
        return snapshotLimit;
    }

    /** @return connection age at which its replacement is opened. */
    public long rolloverAfterMs()
    {
        return rolloverAfterMs;
    }

    /** @return longest overlap of old and new connection before the old one is closed regardless. */
    public long overlapTimeoutMs()
    {
        return overlapTimeoutMs;
    }

    /** @return first reconnect delay (doubled per failed attempt, jittered). */
    public long reconnectBaseMs()
    {
        return reconnectBaseMs;
    }

    /** @return longest reconnect delay. */
    public long reconnectMaxMs()
    {
        return reconnectMaxMs;
    }

    /** @return connection attempts allowed per 5 minutes (the venues allow 300 per IP). */
    public int connectAttemptsPer5Min()
    {
        return connectAttemptsPer5Min;
    }

    /** @return snapshot requests in flight per venue at most. */
    public int snapshotsInFlight()
    {
        return snapshotsInFlight;
    }

    /** @return trust store for wss:// and https:// (PKCS12 or JKS), or null for the JVM's default. */
    public Path trustStore()
    {
        return trustStore;
    }

    /** @return its password, or null. */
    public String trustStorePassword()
    {
        return trustStorePassword;
    }

    /** @return SO_RCVBUF asked for each connection. */
    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /** @return TCP connect and WebSocket handshake timeout. */
    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /**
     * @return how long a bookTicker may name an update id its book has not reached before the book
     * is taken for stale (a lost diff); default 2 s, 20 depth intervals of 100 ms.
     */
    public long tickerLagMs()
    {
        return tickerLagMs;
    }

    /** @return seed of the reconnect jitter. */
    public long seed()
    {
        return seed;
    }

    /**
     * Builder of {@link LiveSettings}.
     */
    public static final class Builder
    {
        private final Map<Venue, String> wsBase = new EnumMap<>(Venue.class);
        private final Map<Venue, String> restBase = new EnumMap<>(Venue.class);
        private final Map<Venue, String> depthInterval = new EnumMap<>(Venue.class);
        private final Map<Venue, Integer> weightBudget = new EnumMap<>(Venue.class);
        private int streamsPerConnection = DEFAULT_STREAMS_PER_CONNECTION;
        private int snapshotLimit = DEFAULT_SNAPSHOT_LIMIT;
        private long silenceMs;
        private long rolloverAfterMs = DEFAULT_ROLLOVER_AFTER_MS;
        private long overlapTimeoutMs = 60_000;
        private long reconnectBaseMs = 250;
        private long reconnectMaxMs = 30_000;
        private int connectAttemptsPer5Min = 150;
        private int snapshotsInFlight = 4;
        private Path trustStore;
        private String trustStorePassword;
        private int receiveBufferBytes = 4 * 1024 * 1024;
        private long connectTimeoutMs = 10_000;
        private long seed = System.nanoTime();
        private long tickerLagMs = 2_000;

        private Builder()
        {
        }

        /**
         * @param venue venue.
         * @param url   WebSocket base URL ({@code wss://} or {@code ws://}).
         * @return this.
         */
        public Builder wsBase(final Venue venue, final String url)
        {
            wsBase.put(venue, stripSlash(checkScheme(url, "ws://", "wss://")));
            return this;
        }

        /**
         * @param venue venue.
         * @param url   REST base URL ({@code https://} or {@code http://}).
         * @return this.
         */
        public Builder restBase(final Venue venue, final String url)
        {
            restBase.put(venue, stripSlash(checkScheme(url, "http://", "https://")));
            return this;
        }

        /**
         * @param venue    venue.
         * @param interval "100ms", "0ms" (futures), "250ms", "500ms", "1000ms" or "" for the plain stream.
         * @return this.
         */
        public Builder depthInterval(final Venue venue, final String interval)
        {
            if (!interval.isEmpty() && !interval.matches("\\d{1,4}ms"))
            {
                throw new IllegalArgumentException("depth interval must look like 100ms: " + interval);
            }
            depthInterval.put(venue, interval);
            return this;
        }

        /**
         * @param venue  venue.
         * @param weight REST weight per minute the station may use there.
         * @return this.
         */
        public Builder weightBudget(final Venue venue, final int weight)
        {
            weightBudget.put(venue, positive(weight, "weight budget"));
            return this;
        }

        /**
         * @param n streams per connection, 1..1024.
         * @return this.
         */
        public Builder streamsPerConnection(final int n)
        {
            if (n < 1 || n > 1024)
            {
                throw new IllegalArgumentException("streams per connection must be 1..1024: " + n);
            }
            streamsPerConnection = n;
            return this;
        }

        /**
         * @param limit REST depth levels, 1..5000.
         * @return this.
         */
        public Builder snapshotLimit(final int limit)
        {
            if (limit < 1 || limit > 5000)
            {
                throw new IllegalArgumentException("snapshot limit must be 1..5000: " + limit);
            }
            snapshotLimit = limit;
            return this;
        }

        /**
         * @param ms silence limit, 0 for the per-venue default.
         * @return this.
         */
        public Builder silenceMs(final long ms)
        {
            silenceMs = nonNegative(ms, "silence limit");
            return this;
        }

        /**
         * @param ms connection age at which to roll over.
         * @return this.
         */
        public Builder rolloverAfterMs(final long ms)
        {
            rolloverAfterMs = positive(ms, "rollover age");
            return this;
        }

        /**
         * @param ms longest overlap.
         * @return this.
         */
        public Builder overlapTimeoutMs(final long ms)
        {
            overlapTimeoutMs = positive(ms, "overlap timeout");
            return this;
        }

        /**
         * @param baseMs first delay.
         * @param maxMs  longest delay.
         * @return this.
         */
        public Builder reconnectBackoff(final long baseMs, final long maxMs)
        {
            reconnectBaseMs = positive(baseMs, "reconnect delay");
            reconnectMaxMs = Math.max(baseMs, maxMs);
            return this;
        }

        /**
         * @param n connection attempts per 5 minutes.
         * @return this.
         */
        public Builder connectAttemptsPer5Min(final int n)
        {
            connectAttemptsPer5Min = (int)positive(n, "connection attempts");
            return this;
        }

        /**
         * @param n snapshot requests in flight per venue.
         * @return this.
         */
        public Builder snapshotsInFlight(final int n)
        {
            snapshotsInFlight = (int)positive(n, "snapshots in flight");
            return this;
        }

        /**
         * @param path     trust store file.
         * @param password its password (may be null).
         * @return this.
         */
        public Builder trustStore(final Path path, final String password)
        {
            trustStore = path;
            trustStorePassword = password;
            return this;
        }

        /**
         * @param bytes SO_RCVBUF.
         * @return this.
         */
        public Builder receiveBufferBytes(final int bytes)
        {
            receiveBufferBytes = (int)positive(bytes, "receive buffer");
            return this;
        }

        /**
         * @param ms connect and handshake timeout.
         * @return this.
         */
        public Builder connectTimeoutMs(final long ms)
        {
            connectTimeoutMs = positive(ms, "connect timeout");
            return this;
        }

        /**
         * @param ms how long a bookTicker may stay ahead of its book.
         * @return this.
         */
        public Builder tickerLagMs(final long ms)
        {
            tickerLagMs = positive(ms, "ticker lag limit");
            return this;
        }

        /**
         * @param seed reconnect jitter seed.
         * @return this.
         */
        public Builder seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /** @return the settings. */
        public LiveSettings build()
        {
            return new LiveSettings(this);
        }

        private static String checkScheme(final String url, final String plain, final String tls)
        {
            if (url == null || !(url.startsWith(plain) || url.startsWith(tls)))
            {
                throw new IllegalArgumentException("URL must start with " + tls + " or " + plain + ": " + url);
            }
            return url;
        }

        private static String stripSlash(final String url)
        {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        private static int positive(final int v, final String what)
        {
            if (v <= 0)
            {
                throw new IllegalArgumentException(what + " must be positive: " + v);
            }
            return v;
        }

        private static long positive(final long v, final String what)
        {
            if (v <= 0)
            {
                throw new IllegalArgumentException(what + " must be positive: " + v);
            }
            return v;
        }

        private static long nonNegative(final long v, final String what)
        {
            if (v < 0)
            {
                throw new IllegalArgumentException(what + " must not be negative: " + v);
            }
            return v;
        }
    }
}
