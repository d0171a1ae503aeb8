package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.pipeline.SymbolReport;
import com.tradingstation.feed.synth.SyntheticSession;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.RedisInfo;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import com.tradingstation.sink.RedisSink;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station demo}: the whole pipeline on a fresh machine. Starts a private redis-server (or
 * uses {@code --redis URL}), synthesizes a session, replays it at full speed through decoder,
 * ring, book thread and Redis sink thread, and prints what happened.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Run the whole pipeline on a synthetic session into Redis (a private redis-server unless --redis is given).",
        "Exit: 0 done; 1 the run saw gaps, crossed books or sink errors; 2 usage error; 3 Redis unavailable."})
final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--redis", paramLabel = "URL",
        description = "redis:// or rediss:// URL of an existing Redis (default: start a private redis-server).")
    private String redisUrl;

    @CommandLine.Mixin
    private SyntheticMarket market = new SyntheticMarket(50);

    @Option(names = "--maxmemory", paramLabel = "BYTES", defaultValue = "1gb",
        description = "maxmemory of the private redis-server (default ${DEFAULT-VALUE}, the HFT profile).")
    private String maxmemory;

    @CommandLine.Mixin
    private Output output;

    @Override
    public Integer call() throws IOException, RedisUnavailableException
    {
        final Venue v = market.venue();
        final RedisEndpoint endpoint = redisUrl == null ? null : RedisEndpoint.parse(redisUrl);
        if (market.symbols < 1 || market.duration < 1 || market.rate < 1)
        {
            throw new IllegalArgumentException("--symbols, --duration and --rate must be positive");
        }
        try (StationRedis redis = StationRedis.open(endpoint, maxmemory))
        {
            return run(v, redis);
        }
    }

    private int run(final Venue v, final StationRedis redis) throws IOException, RedisUnavailableException
    {
        final Path file = Files.createTempFile("station-demo-", ".txt");
        try
        {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII))
            {
                new SyntheticSession(v, market.symbols, market.rate, 300, 42).write(w, market.duration);
            }
            final StationRuntime runtime = new StationRuntime(redis.endpoint(), 20, 100, 10_000, null, 0);
            final long start = System.nanoTime();
            final PipelineResult result = runtime.run(List.of(file));
            final double seconds = (System.nanoTime() - start) / 1e9;
            return report(result, runtime, redis, seconds);
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    private int report(
        final PipelineResult result, final StationRuntime runtime, final StationRedis redis, final double seconds)
        throws RedisUnavailableException
    {
        final RedisEndpoint target = redis.endpoint();
        final ManagedRedis managed = redis.managed();
        final PrintWriter out = output.out();
        final RedisSink sink = runtime.sink();
        final long keys;
        final long usedMemory;
        long maxValue = 0;
        String maxKey = "";
        try (Jedis j = RedisConnector.connect(target))
        {
            keys = j.dbSize();
            usedMemory = RedisInfo.parse(j.info("memory")).number("used_memory");
            String cursor = ScanParams.SCAN_POINTER_START;
            do
            {
                final ScanResult<String> r = j.scan(cursor, new ScanParams().match("md:*").count(1000));
                for (final String k : r.getResult())
                {
                    if (!k.endsWith(":trades"))
                    {
                        final long len = j.strlen(k);
                        if (len > maxValue)
                        {
                            maxValue = len;
                            maxKey = k;
                        }
                    }
                }
                cursor = r.getCursor();
            }
            while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        final long events = result.messages();
        final double eventsPerSec = events / seconds;
        final long bookUpdates = runtime.updates();
        final long drops = runtime.drops();
        final Histogram h = sink.flushLatencyUs();
        final boolean clean = result.clean() && sink.errors() == 0;
        if (output.json)
        {
            final JsonWriter w = new JsonWriter().beginObject()
                .field("events", events).field("eventsPerSec", Math.round(eventsPerSec))
                .field("bookUpdates", bookUpdates).field("symbols", result.symbols().size())
                .field("seconds", seconds).field("clean", clean);
            w.name("tops").beginArray();
            for (final SymbolReport s : result.symbols().subList(0, Math.min(3, result.symbols().size())))
            {
                w.beginObject().field("symbol", s.venue() + ":" + s.symbol()).field("bid", s.bestBid())
                    .field("ask", s.bestAsk()).field("gaps", s.gapCount()).endObject();
            }
            w.endArray();
            w.name("redis").beginObject().field("address", target.address())
                .field("managed", managed != null).field("binary", managed == null ? "" : managed.binary().toString())
                .field("keys", keys).field("usedMemoryBytes", usedMemory).field("maxValueBytes", maxValue)
                .field("maxValueKey", maxKey).endObject();
            w.name("sink").beginObject().field("writes", sink.writeCount()).field("flushes", sink.flushCount())
                .field("trades", sink.writtenTradeCount()).field("drops", drops).field("errors", sink.errors())
                .field("p50Us", h.getValueAtPercentile(50)).field("p99Us", h.getValueAtPercentile(99))
                .field("maxUs", h.getMaxValue()).endObject();
            out.println(w.endObject());
        }
        else
        {
            out.printf(Locale.ROOT, "Trading Station demo: %d symbols x %d s x %d diffs/s (%s), Redis %s%n",
                market.symbols, market.duration, market.rate, market.venueId, redis.describe());
            out.printf(Locale.ROOT, "  events      %,d in %.2f s = %,.0f events/s; book updates %,d; books %d%n",
                events, seconds, eventsPerSec, bookUpdates, result.symbols().size());
            for (final SymbolReport s : result.symbols().subList(0, Math.min(3, result.symbols().size())))
            {
                out.printf(Locale.ROOT, "  %-26s bid %s x %s  ask %s x %s  gaps %d%n", s.venue() + ":" + s.symbol(),
                    s.bestBid(), s.bestBidQty(), s.bestAsk(), s.bestAskQty(), s.gapCount());
            }
            out.printf(Locale.ROOT, "  redis       %,d keys, used_memory %,d B, largest value %d B (%s)%n",
                keys, usedMemory, maxValue, maxKey);
            out.printf(Locale.ROOT,
                "  sink        %,d writes in %,d pipelines, %,d trades, drops %d, errors %d, flush p50 %d us p99 %d " +
                "us max %d us%n",
                sink.writeCount(), sink.flushCount(), sink.writtenTradeCount(), drops, sink.errors(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
            out.println(clean ? "  clean: 0 gaps, 0 crossed, 0 sink errors" : "  NOT CLEAN: see counts above");
        }
        out.flush();
        return clean ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }
}
