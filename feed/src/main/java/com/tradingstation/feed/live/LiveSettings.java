package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Venue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings of the live connectors. Defaults follow the venues' documents (see {@link VenueSpec})
 * and are argued in docs/OPERATIONS.md; tests compress the time-based ones to seconds.
 * Immutable; build with {@link #builder()}, which checks every value as it is set.
 *
 * @param wsBase                 WebSocket base URLs set per venue ({@link #wsBase(Venue)} has the defaults).
 * @param restBase               REST base URLs set per venue ({@link #restBase(Venue)} has the defaults).
 * @param depthInterval          depth stream intervals set per venue ({@link #depthInterval(Venue)}).
 * @param weightBudget           REST weight budgets set per venue ({@link #weightBudget(Venue)}).
 * @param streamsPerConnection   streams per connection.
 * @param snapshotLimit          REST depth limit asked for (rounded up to one the venue accepts).
 * @param silenceMs              silence limit for every venue, 0 for the venue's own ({@link #silenceMs(Venue)}).
 * @param rolloverAfterMs        connection age at which its replacement is opened.
 * @param overlapTimeoutMs       longest overlap of old and new connection before the old one is closed regardless.
 * @param reconnectBaseMs        first reconnect delay (doubled per failed attempt, jittered).
 * @param reconnectMaxMs         longest reconnect delay.
 * @param connectAttemptsPer5Min connection attempts allowed per 5 minutes (the venues allow 300 per IP).
 * @param snapshotsInFlight      snapshot requests in flight per venue at most.
 * @param trustStore             trust store for wss:// and https:// (PKCS12 or JKS), or null for the JVM's default.
 * @param trustStorePassword     its password, or null.
 * @param receiveBufferBytes     SO_RCVBUF asked for each connection.
 * @param connectTimeoutMs       TCP connect and WebSocket handshake timeout.
 * @param seed                   seed of the reconnect jitter.
 * @param tickerLagMs            how long a bookTicker may name an update id its book has not reached before the
 *                               book is taken for stale (a lost diff); default 2 s, 20 depth intervals of 100 ms.
 */
public record LiveSettings(
    Map<Venue, String> wsBase, Map<Venue, String> restBase, Map<Venue, String> depthInterval,
    Map<Venue, Integer> weightBudget, int streamsPerConnection, int snapshotLimit, long silenceMs,
    long rolloverAfterMs, long overlapTimeoutMs, long reconnectBaseMs, long reconnectMaxMs,
    int connectAttemptsPer5Min, int snapshotsInFlight, Path trustStore, String trustStorePassword,
    int receiveBufferBytes, long connectTimeoutMs, long seed, long tickerLagMs)
{
    /** Default streams per connection: the venues allow 1024; futures clients commonly hold 200. */
    public static final int DEFAULT_STREAMS_PER_CONNECTION = 200;
    /** Default REST depth limit. */
    public static final int DEFAULT_SNAPSHOT_LIMIT = 1000;
    /** Default age at which a connection is replaced (make-before-break), under the venues' 24 h. */
    public static final long DEFAULT_ROLLOVER_AFTER_MS = 23L * 3600_000L;
    /** Default share of a venue's REST weight limit the station lets itself use. */
    public static final double DEFAULT_WEIGHT_FRACTION = 0.5;

    /**
     * Copies the per-venue maps (the builder's {@link Builder#build()} is the usual way here).
     */
    public LiveSettings
    {
        wsBase = Map.copyOf(wsBase);
        restBase = Map.copyOf(restBase);
        depthInterval = Map.copyOf(depthInterval);
        weightBudget = Map.copyOf(weightBudget);
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
            weightBudget.put(venue, (int)positive(weight, "weight budget"));
            return this;
        }

        /**
         * @param n streams per connection, 1..1024.
         * @return this.
         */
        public Builder streamsPerConnection(final int n)
        {
            streamsPerConnection = (int)range(n, 1, 1024, "streams per connection");
            return this;
        }

        /**
         * @param limit REST depth levels, 1..5000.
         * @return this.
         */
        public Builder snapshotLimit(final int limit)
        {
            snapshotLimit = (int)range(limit, 1, 5000, "snapshot limit");
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
            return new LiveSettings(wsBase, restBase, depthInterval, weightBudget, streamsPerConnection,
                snapshotLimit, silenceMs, rolloverAfterMs, overlapTimeoutMs, reconnectBaseMs, reconnectMaxMs,
                connectAttemptsPer5Min, snapshotsInFlight, trustStore, trustStorePassword, receiveBufferBytes,
                connectTimeoutMs, seed, tickerLagMs);
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

        private static long range(final long v, final long min, final long max, final String what)
        {
            if (v < min || v > max)
            {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + ": " + v);
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
