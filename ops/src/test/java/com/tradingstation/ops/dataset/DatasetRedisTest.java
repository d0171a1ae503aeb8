package com.tradingstation.ops.dataset;

import com.tradingstation.ops.RedisInfo;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetRedisTest
{
    private static final DatasetSpec SPEC = DatasetSpec.defaults().withKeys(5_000);
    private static ManagedRedis first;
    private static ManagedRedis second;

    @BeforeAll
    static void start() throws Exception
    {
        first = ManagedRedis.builder().maxmemory("256mb").start();
        second = ManagedRedis.builder().maxmemory("256mb").start();
        DatasetLoader.load(first.endpoint(), SPEC, null);
    }

    @AfterAll
    static void stop()
    {
        first.close();
        second.close();
    }

    private static long[] sample(final int n, final long seed)
    {
        return new SplittableRandom(seed).longs(n, 0, SPEC.keys()).toArray();
    }

    @Test
    void loadsEveryKeyWithSizesFromTheMixAndReportsProgress() throws Exception
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start();
            Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            final AtomicLong calls = new AtomicLong();
            final AtomicLong lastDone = new AtomicLong();
            final LoadResult r = DatasetLoader.load(redis.endpoint(), SPEC, (done, total, bytes) ->
            {
                calls.incrementAndGet();
                assertThat(total).isEqualTo(SPEC.keys());
                assertThat(done).isGreaterThanOrEqualTo(lastDone.get());
                lastDone.set(done);
            });
            assertThat(j.dbSize()).isEqualTo(SPEC.keys());
            assertThat(r.keys()).isEqualTo(SPEC.keys());
            assertThat(calls.get()).isPositive();
            assertThat(lastDone.get()).isEqualTo(SPEC.keys());
            final long[] idx = sample(300, 1);
            final List<Response<Long>> lengths = new ArrayList<>();
            try (Pipeline p = j.pipelined())
            {
                for (final long i : idx)
                {
                    lengths.add(p.strlen(DatasetKeys.key(SPEC, i)));
                }
                p.sync();
            }
            final long[] seen = new long[3];
            long bytes = 0;
            for (int k = 0; k < idx.length; k++)
            {
                final int len = lengths.get(k).get().intValue();
                assertThat(len).isEqualTo(DatasetKeys.valueSize(SPEC, idx[k]));
                seen[Arrays.binarySearch(DatasetSpec.DEFAULT_SIZES, len)]++;
            }
            assertThat(seen).doesNotContain(0L);
            for (long i = 0; i < SPEC.keys(); i++)
            {
                bytes += DatasetKeys.valueSize(SPEC, i);
            }
            assertThat(r.valueBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void oneSpecGivesTheSameValuesOnTwoServersAndAnotherSeedOthers() throws Exception
    {
        DatasetLoader.load(second.endpoint(), SPEC, null);
        final DatasetSpec reseeded = new DatasetSpec(SPEC.keys(), DatasetSpec.DEFAULT_SIZES,
            DatasetSpec.DEFAULT_WEIGHTS, SPEC.seed() + 1, "other:");
        DatasetLoader.load(second.endpoint(), reseeded, null);
        try (Jedis a = RedisConnector.connect(first.endpoint()); Jedis b = RedisConnector.connect(second.endpoint()))
        {
            int differ = 0;
            for (final long i : sample(100, 2))
            {
                final byte[] k = DatasetKeys.key(SPEC, i);
                assertThat(b.get(k)).isEqualTo(a.get(k)).isNotNull();
                final byte[] other = b.get(DatasetKeys.key(reseeded, i));
                assertThat(other).isNotNull();
                if (!Arrays.equals(other, a.get(k)))
                {
                    differ++;
                }
            }
            assertThat(differ).isEqualTo(100);
        }
    }

    @Test
    void storedValuesAreNotTriviallyCompressible() throws Exception
    {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Jedis j = RedisConnector.connect(first.endpoint()))
        {
            for (long i = 0; all.size() < 64 * 1024; i++)
            {
                all.write(j.get(DatasetKeys.key(SPEC, i)));
            }
        }
        assertThat(DatasetKeysTest.deflatedShare(Arrays.copyOf(all.toByteArray(), 64 * 1024))).isGreaterThan(0.70);
    }

    @Test
    void theEstimateIsWithinAQuarterOfTheMeasuredGrowth() throws Exception
    {
        final DatasetSpec spec = DatasetSpec.defaults().withKeys(20_000);
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start();
            Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            final long before = RedisInfo.parse(j.info("memory")).number("used_memory");
            DatasetLoader.load(redis.endpoint(), spec, null);
            final long after = RedisInfo.parse(j.info("memory")).number("used_memory");
            final long growth = after - before;
            final long estimate = MemoryEstimate.bytes(spec);
            assertThat(growth).isPositive();
            assertThat((double)estimate / growth).as("estimate %d, measured %d", estimate, growth)
                .isBetween(0.75, 1.25);
        }
    }

    @Test
    void churnSendsSetsWithATtlAndCappedXaddsUntilStopped() throws Exception
    {
        final ChurnSpec churn = new ChurnSpec(100_000, Duration.ofHours(1), 600, 2, 50);
        try (ManagedRedis a = ManagedRedis.builder().maxmemory("256mb").start();
            ManagedRedis b = ManagedRedis.builder().maxmemory("256mb").start())
        {
            final List<List<Object>> states = new ArrayList<>();
            for (final ManagedRedis redis : List.of(a, b))
            {
                DatasetLoader.load(redis.endpoint(), SPEC, null);
                final AtomicInteger asked = new AtomicInteger();
                final ChurnResult r = Churn.run(redis.endpoint(), SPEC, churn, () -> asked.incrementAndGet() > 2_000);
                assertThat(r.commands()).isEqualTo(2_000);
                assertThat(r.sets()).isBetween(1_500L, 1_700L);
                assertThat(r.xadds()).isEqualTo(2_000 - r.sets());
                states.add(check(redis, churn));
            }
            assertThat(states.get(1)).as("the same churn on the same data").isEqualTo(states.get(0));
        }
    }

    /** @return the rewritten keys and their values, as a comparable list. */
    private static List<Object> check(final ManagedRedis redis, final ChurnSpec churn) throws Exception
    {
        final List<Object> rewritten = new ArrayList<>();
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            for (int n = 0; n < churn.streams(); n++)
            {
                assertThat(j.xlen(Churn.streamKey(SPEC, n))).as("stream %d near its cap", n)
                    .isBetween((long)churn.streamMaxLen(), churn.streamMaxLen() + 100L);
            }
            final byte[] loaded = new byte[4096];
            int differentSize = 0;
            for (long i = 0; i < SPEC.keys(); i++)
            {
                final byte[] k = DatasetKeys.key(SPEC, i);
                final long ttl = j.ttl(k);
                if (ttl > 0)
                {
                    assertThat(ttl).isLessThanOrEqualTo(churn.ttlSeconds());
                    final byte[] v = j.get(k);
                    assertThat(DatasetSpec.DEFAULT_SIZES).contains(v.length);
                    final int size = DatasetKeys.valueSize(SPEC, i);
                    DatasetKeys.fillValue(SPEC, i, 0, loaded, size);
                    assertThat(v).as("a new value").isNotEqualTo(Arrays.copyOf(loaded, size));
                    differentSize += v.length != size ? 1 : 0;
                    rewritten.add(i);
                    rewritten.add(Arrays.hashCode(v));
                }
                else
                {
                    assertThat(ttl).isEqualTo(-1);
                }
            }
            // About 1,600 SETs over 5,000 keys touch about 1,400 of them; a third change size class.
            assertThat(rewritten.size() / 2).isBetween(1_200, 1_700);
            assertThat(differentSize).isBetween(300, 700);
        }
        return rewritten;
    }
}
