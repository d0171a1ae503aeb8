package com.tradingstation.ops.dataset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetKeysTest
{
    private static final DatasetSpec SPEC = DatasetSpec.defaults().withKeys(100_000);

    @Test
    void keysAreUniqueHashTagFreeAndDifferRightAfterThePrefix()
    {
        final Set<String> keys = new HashSet<>();
        final Set<String> firstTwo = new HashSet<>();
        final int prefix = DatasetSpec.DEFAULT_PREFIX.length();
        for (long i = 0; i < SPEC.keys(); i++)
        {
            final String k = new String(DatasetKeys.key(SPEC, i), StandardCharsets.US_ASCII);
            assertThat(k).startsWith(DatasetSpec.DEFAULT_PREFIX).hasSize(prefix + DatasetKeys.INDEX_CHARS)
                .doesNotContain("{").doesNotContain("}");
            keys.add(k);
            if (i < 256)
            {
                firstTwo.add(k.substring(prefix, prefix + 2));
            }
        }
        assertThat(keys).hasSize((int)SPEC.keys());
        // 256 consecutive keys spread over the 256 possible first two digits (a counter would use 1).
        assertThat(firstTwo.size()).isGreaterThan(140);
        assertThat(DatasetKeys.keyLength(SPEC)).isEqualTo(prefix + DatasetKeys.INDEX_CHARS);
    }

    @Test
    void aNonAsciiPrefixIsWrittenInUtf8()
    {
        final DatasetSpec s = new DatasetSpec(3, new int[] {8}, new int[] {1}, 1, "dé:");
        final byte[] k = DatasetKeys.key(s, 2);
        assertThat(new String(k, StandardCharsets.UTF_8)).startsWith("dé:").hasSize(3 + DatasetKeys.INDEX_CHARS);
        assertThat(k).hasSize(DatasetKeys.keyLength(s));
    }

    @Test
    void sizesFollowTheWeightsAndEveryVersionDrawsAgain()
    {
        final long[] counts = new long[3];
        int changed = 0;
        for (long i = 0; i < SPEC.keys(); i++)
        {
            final int size = DatasetKeys.valueSize(SPEC, i);
            counts[Arrays.binarySearch(DatasetSpec.DEFAULT_SIZES, size)]++;
            if (DatasetKeys.sizeClass(SPEC, i, 1) != DatasetKeys.sizeClass(SPEC, i, 0))
            {
                changed++;
            }
        }
        assertThat(counts[0]).isBetween(79_000L, 81_000L);
        assertThat(counts[1]).isBetween(14_300L, 15_700L);
        assertThat(counts[2]).isBetween(4_600L, 5_400L);
        // Two independent draws of 80/15/5 differ with probability 1 - (0.64 + 0.0225 + 0.0025) = 0.335.
        assertThat(changed).isBetween(32_000, 35_000);
    }

    @Test
    void valuesAreReproducibleSeededAndNotTriviallyCompressible()
    {
        final byte[] a = new byte[4096];
        final byte[] b = new byte[4096];
        DatasetKeys.fillValue(SPEC, 7, 0, a, a.length);
        DatasetKeys.fillValue(SPEC, 7, 0, b, b.length);
        assertThat(a).isEqualTo(b);
        DatasetKeys.fillValue(SPEC, 7, 1, b, b.length);
        assertThat(a).isNotEqualTo(b);
        DatasetKeys.fillValue(new DatasetSpec(SPEC.keys(), DatasetSpec.DEFAULT_SIZES, DatasetSpec.DEFAULT_WEIGHTS, 1,
            DatasetSpec.DEFAULT_PREFIX), 7, 0, b, b.length);
        assertThat(a).isNotEqualTo(b);
        final byte[] all = new byte[64 * 1024];
        for (int i = 0; i < 16; i++)
        {
            DatasetKeys.fillValue(SPEC, i, 0, a, a.length);
            System.arraycopy(a, 0, all, i * a.length, a.length);
        }
        assertThat(new String(all, StandardCharsets.US_ASCII)).matches("[A-Za-z0-9_-]+");
        assertThat(deflatedShare(all)).isGreaterThan(0.70);
    }

    @Test
    void badIndexesAndLengthsAreRefused()
    {
        assertThatThrownBy(() -> DatasetKeys.key(SPEC, SPEC.keys())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatasetKeys.valueSize(SPEC, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatasetKeys.fillValue(SPEC, 0, 0, new byte[4], 5))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jemallocSizeClassesAndSdsHeaders()
    {
        assertThat(MemoryEstimate.sizeClass(1)).isEqualTo(8);
        assertThat(MemoryEstimate.sizeClass(24)).isEqualTo(32);
        assertThat(MemoryEstimate.sizeClass(68)).isEqualTo(80);
        assertThat(MemoryEstimate.sizeClass(129)).isEqualTo(160);
        assertThat(MemoryEstimate.sizeClass(518)).isEqualTo(640);
        assertThat(MemoryEstimate.sizeClass(4102)).isEqualTo(5120);
        assertThat(MemoryEstimate.sizeClass(4096)).isEqualTo(4096);
        assertThat(MemoryEstimate.sds(64)).isEqualTo(68);
        assertThat(MemoryEstimate.sds(512)).isEqualTo(518);
        assertThat(MemoryEstimate.buckets(20_000)).isEqualTo(32_768);
        assertThat(MemoryEstimate.buckets(16_384)).isEqualTo(16_384);
        assertThat(MemoryEstimate.valueBytes(40)).isEqualTo(64);
        assertThat(MemoryEstimate.bytes(SPEC.withKeys(0))).isZero();
    }

    /**
     * @param data bytes.
     * @return deflated size over original size.
     */
    static double deflatedShare(final byte[] data)
    {
        final Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        d.setInput(data);
        d.finish();
        final byte[] out = new byte[data.length * 2];
        int n = 0;
        while (!d.finished())
        {
            n += d.deflate(out, n, out.length - n);
        }
        d.end();
        return n / (double)data.length;
    }
}
