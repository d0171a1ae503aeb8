package com.tradingstation.ops.dataset;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@code station dataset} loads: how many keys, the value sizes and their weights, the seed
 * that makes the keys and values reproducible, and the key prefix (hash-tag free, so keys spread
 * over a cluster's slots).
 *
 * <p>The same spec always yields the same keys, sizes and bytes, so two servers loaded from one spec
 * hold the same data (the allocator lab depends on it).
 *
 * @param keys       how many keys.
 * @param valueSizes value sizes in bytes, e.g. {@code 64, 512, 4096}.
 * @param weights    relative weight of each size (same length as {@code valueSizes}, each &gt; 0).
 * @param seed       seed of the key and value generator.
 * @param keyPrefix  prefix of every key, e.g. {@code station:dataset:}.
 */
public record DatasetSpec(long keys, int[] valueSizes, int[] weights, long seed, String keyPrefix)
{
    /** The original's dataset size. */
    public static final long DEFAULT_KEYS = 5_000_000L;
    /** The original's value sizes. */
    public static final int[] DEFAULT_SIZES = {64, 512, 4096};
    /**
     * Weights of the default sizes, 80/15/5: small values dominate, as in the station's own data (top of
     * book, small snapshots), with 4 KB as the large class that fragments (the original gives sizes, not
     * weights).
     */
    public static final int[] DEFAULT_WEIGHTS = {80, 15, 5};
    /** Default seed. */
    public static final long DEFAULT_SEED = 20_250_928L;
    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "station:dataset:";

    /** Validates and copies the arrays. */
    public DatasetSpec
    {
        if (keys < 0)
        {
            throw new IllegalArgumentException("keys must be >= 0, got " + keys);
        }
        Objects.requireNonNull(valueSizes, "valueSizes");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (valueSizes.length == 0 || valueSizes.length != weights.length)
        {
            throw new IllegalArgumentException("need one weight per value size, got " + valueSizes.length
                + " sizes and " + weights.length + " weights");
        }
        for (int i = 0; i < valueSizes.length; i++)
        {
            if (valueSizes[i] < 1 || weights[i] < 1)
            {
                throw new IllegalArgumentException("value sizes and weights must be >= 1, got size "
                    + valueSizes[i] + " weight " + weights[i]);
            }
        }
        valueSizes = valueSizes.clone();
        weights = weights.clone();
    }

    /** @return the original's dataset: 5,000,000 keys of 64/512/4096 B weighted 80/15/5. */
    public static DatasetSpec defaults()
    {
        return new DatasetSpec(DEFAULT_KEYS, DEFAULT_SIZES, DEFAULT_WEIGHTS, DEFAULT_SEED, DEFAULT_PREFIX);
    }

    /**
     * @param n key count.
     * @return this spec with {@code n} keys.
     */
    public DatasetSpec withKeys(final long n)
    {
        return new DatasetSpec(n, valueSizes, weights, seed, keyPrefix);
    }

    /** @return how many size classes the mix has. */
    public int sizeClasses()
    {
        return valueSizes.length;
    }

    /**
     * @param sizeClass 0 &lt;= class &lt; {@link #sizeClasses()}.
     * @return the value size of that class, without copying the array.
     */
    public int sizeOf(final int sizeClass)
    {
        return valueSizes[sizeClass];
    }

    /**
     * @param sizeClass 0 &lt;= class &lt; {@link #sizeClasses()}.
     * @return the weight of that class, without copying the array.
     */
    public int weightOf(final int sizeClass)
    {
        return weights[sizeClass];
    }

    @Override
    public int[] valueSizes()
    {
        return valueSizes.clone();
    }

    @Override
    public int[] weights()
    {
        return weights.clone();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof DatasetSpec s && s.keys == keys && s.seed == seed && s.keyPrefix.equals(keyPrefix)
            && Arrays.equals(s.valueSizes, valueSizes) && Arrays.equals(s.weights, weights);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(keys, seed, keyPrefix, Arrays.hashCode(valueSizes), Arrays.hashCode(weights));
    }

    @Override
    public String toString()
    {
        return "DatasetSpec[keys=" + keys + ", sizes=" + Arrays.toString(valueSizes) + ", weights="
            + Arrays.toString(weights) + ", seed=" + seed + ", prefix=" + keyPrefix + "]";
    }
}
