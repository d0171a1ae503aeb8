package com.tradingstation.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuSetTest
{
    @Test
    void parsesAndPrintsTheKernelListFormat()
    {
        final CpuSet set = CpuSet.parse(" 0-2, 5 ,7-8");
        assertThat(set.toString()).isEqualTo("0-2,5,7-8");
        assertThat(set.size()).isEqualTo(6);
        assertThat(set.contains(5)).isTrue();
        assertThat(set.contains(6)).isFalse();
        assertThat(set.first()).isZero();
        assertThat(set.lowMask()).isEqualTo(0b1_1010_0111L);
        assertThat(CpuSet.parse("")).matches(CpuSet::isEmpty);
    }

    @Test
    void masksRoundTrip()
    {
        final CpuSet set = CpuSet.parse("1,63,64,1000");
        final long[] mask = set.toMask(16);
        assertThat(mask[0]).isEqualTo((1L << 1) | (1L << 63));
        assertThat(mask[1]).isEqualTo(1L);
        assertThat(CpuSet.ofMask(mask)).isEqualTo(set);
    }

    @Test
    void setAlgebra()
    {
        final CpuSet a = CpuSet.parse("0-3");
        final CpuSet b = CpuSet.parse("2-5");
        assertThat(a.minus(b).toString()).isEqualTo("0-1");
        assertThat(a.union(b).toString()).isEqualTo("0-5");
        assertThat(a.intersect(b).toString()).isEqualTo("2-3");
    }

    @Test
    void malformedListsSayWhy()
    {
        assertThatThrownBy(() -> CpuSet.parse("3-1")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> CpuSet.parse("a")).hasMessageContaining("'a' is not a CPU number");
        assertThatThrownBy(() -> CpuSet.parse("5000")).hasMessageContaining("outside 0..1023");
    }

    @Test
    void onlineCpusAreTheHostsProcessors()
    {
        assertThat(CpuSet.online().size()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
