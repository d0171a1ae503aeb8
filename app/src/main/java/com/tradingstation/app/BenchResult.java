package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * A {@code station bench} result as {@code bench compare} reads it back: per metric (book, udp,
 * redis) the percentiles of every round and the whole run's histogram.
 *
 * @param label   what the run was (its settings in short).
 * @param metrics by name.
 */
record BenchResult(String label, Map<String, Metric> metrics)
{
    /** The percentiles compared, and their JSON keys. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};
    static final String[] KEYS = {"p50", "p90", "p99", "p999"};

    /**
     * One metric.
     *
     * @param rounds    per round, the value (ns) at each of {@link #PERCENTILES}: rounds[r][k].
     * @param histogram the whole run (every round), for the plot.
     */
    record Metric(double[][] rounds, Histogram histogram)
    {
        /**
         * @param k a percentile's index.
         * @return its value in every round.
         */
        double[] at(final int k)
        {
            final double[] v = new double[rounds.length];
            for (int r = 0; r < rounds.length; r++)
            {
                v[r] = rounds[r][k];
            }
            return v;
        }
    }

    /**
     * @param text a result file's text.
     * @return the result.
     * @throws IllegalArgumentException when it is not a station bench result.
     */
    @SuppressWarnings("unchecked")
    static BenchResult parse(final String text)
    {
        final Map<String, Object> root = JsonReader.parseObject(text);
        if (!"station-bench".equals(root.get("kind")))
        {
            throw new IllegalArgumentException("not a station bench result (no \"kind\":\"station-bench\")");
        }
        final Map<String, Metric> metrics = new LinkedHashMap<>();
        final Map<String, Object> m = (Map<String, Object>)root.get("metrics");
        for (final Map.Entry<String, Object> e : m.entrySet())
        {
            final Map<String, Object> metric = (Map<String, Object>)e.getValue();
            final List<Object> rounds = (List<Object>)metric.get("rounds");
            final List<double[]> values = new ArrayList<>();
            for (final Object r : rounds)
            {
                final Map<String, Object> round = (Map<String, Object>)r;
                if (((Number)round.get("count")).longValue() == 0)
                {
                    continue;
                }
                final double[] v = new double[KEYS.length];
                for (int k = 0; k < KEYS.length; k++)
                {
                    v[k] = ((Number)round.get(KEYS[k])).doubleValue();
                }
                values.add(v);
            }
            metrics.put(e.getKey(),
                new Metric(values.toArray(new double[0][]), decode((String)metric.get("histogram"))));
        }
        return new BenchResult((String)root.getOrDefault("label", ""), metrics);
    }

    /**
     * @param h a histogram.
     * @return it, compressed and in base64, as a result file holds it.
     */
    static String encode(final Histogram h)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        final int n = h.encodeIntoCompressedByteBuffer(buffer);
        final byte[] bytes = new byte[n];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Histogram decode(final String base64)
    {
        try
        {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        }
        catch (final DataFormatException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("a histogram in the result does not decode: " + ex.getMessage(), ex);
        }
    }
}
