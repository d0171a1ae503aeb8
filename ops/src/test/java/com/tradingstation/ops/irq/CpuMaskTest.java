package com.tradingstation.ops.irq;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuMaskTest
{
    @Test
    void theOriginalsExamplesInBothDirections()
    {
        // CPU n is bit n: CPU0 = 0x1, CPU1 = 0x2, CPU2 = 0x4, CPU4 = 0x10 (decimal 16).
        assertThat(CpuMask.parseList("0").toHex()).isEqualTo("1");
        assertThat(CpuMask.parseList("1").toHex()).isEqualTo("2");
        assertThat(CpuMask.parseList("2").toHex()).isEqualTo("4");
        assertThat(CpuMask.parseList("4").toHex()).isEqualTo("10");
        assertThat(CpuMask.parseList("2,3").toHex()).isEqualTo("c");
        assertThat(CpuMask.parseHex("0x10").toList()).isEqualTo("4");
        assertThat(CpuMask.parseHex("2").toList()).isEqualTo("1");
        assertThat(CpuMask.parseHex("f").toList()).isEqualTo("0-3");
        assertThat(CpuMask.parseList("0-3,8").toHex()).isEqualTo("10f");
        assertThat(CpuMask.parseList("").toHex()).isEqualTo("0");
    }

    @Test
    void theKernelsWidthsAndGroupsOf32Cpus()
    {
        assertThat(CpuMask.parseList("0-1").toHex(2)).isEqualTo("3");
        assertThat(CpuMask.parseList("4").toHex(64)).isEqualTo("00000000,00000010");
        assertThat(CpuMask.parseList("32").toHex()).isEqualTo("1,00000000");
        assertThat(CpuMask.parseList("0-39").toHex(40)).isEqualTo("ff,ffffffff");
        assertThat(CpuMask.parseList("1").toHex(40)).isEqualTo("00,00000002");
        assertThat(CpuMask.parseHex("00000000,00000010").toList()).isEqualTo("4");
        assertThat(CpuMask.parseHex("80000000,00000001,00000000").toList()).isEqualTo("32,95");
        assertThat(CpuMask.parseList("0-127").toHex(128))
            .isEqualTo("ffffffff,ffffffff,ffffffff,ffffffff");
        assertThat(CpuMask.widthOf("3")).isEqualTo(4);
        assertThat(CpuMask.widthOf("ff,ffffffff")).isEqualTo(40);
        assertThat(CpuMask.widthOf("00000000,00000010")).isEqualTo(64);
    }

    @Test
    void theKernelsStrideListForm()
    {
        assertThat(CpuMask.parseList("0-7:2/4").toList()).isEqualTo("0-1,4-5");
        assertThat(CpuMask.parseList(" 1 , 3-4 ").toList()).isEqualTo("1,3-4");
    }

    @Test
    void randomSetsRoundTripThroughBothForms()
    {
        final Random random = new Random(20250928L);
        for (int round = 0; round < 2000; round++)
        {
            final int width = 1 + random.nextInt(round % 4 == 0 ? 8 : 300);
            final BitSet bits = new BitSet();
            final double density = random.nextDouble();
            for (int cpu = 0; cpu < width; cpu++)
            {
                if (random.nextDouble() < density)
                {
                    bits.set(cpu);
                }
            }
            final CpuMask set = CpuMask.of(bits.stream().toArray());
            final String hex = set.toHex(width);
            final String list = set.toList();
            assertThat(CpuMask.parseHex(hex)).as("%s via %s", list, hex).isEqualTo(set);
            assertThat(CpuMask.parseHex("0x" + set.toHex())).as(list).isEqualTo(set);
            assertThat(CpuMask.parseList(list)).as(list).isEqualTo(set);
            assertThat(CpuMask.parseList(CpuMask.parseHex(hex).toList()).toHex(width)).isEqualTo(hex);
            assertThat(CpuMask.widthOf(hex)).as(hex).isBetween(width, width + 3);
            assertThat(hex.split(",")).hasSize((width + 31) / 32);
            assertThat(set.size()).isEqualTo(bits.cardinality());
        }
    }

    @Test
    void badInputIsOneLineNamingWhatIsWrong()
    {
        assertThatThrownBy(() -> CpuMask.parseList("2-x")).hasMessage("CPU list '2-x': 'x' is not a CPU number");
        assertThatThrownBy(() -> CpuMask.parseList("3-1")).hasMessage("CPU list '3-1': range 3-1 runs backwards");
        assertThatThrownBy(() -> CpuMask.parseList("1,,2")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> CpuMask.parseList("9000")).hasMessageContaining("above the kernel's limit");
        assertThatThrownBy(() -> CpuMask.parseList("-1")).hasMessageContaining("is not a CPU number");
        assertThatThrownBy(() -> CpuMask.parseHex("0x")).hasMessage("CPU mask '0x': no hex digits");
        assertThatThrownBy(() -> CpuMask.parseHex("1g")).hasMessageContaining("'g' is not a hex digit");
        assertThatThrownBy(() -> CpuMask.parseHex("1,123456789"))
            .hasMessageContaining("must have 1 to 8 hex digits");
        assertThatThrownBy(() -> CpuMask.parseHex("1,")).hasMessageContaining("group ''");
    }
}
