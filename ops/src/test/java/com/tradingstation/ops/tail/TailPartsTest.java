package com.tradingstation.ops.tail;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tail sampler's readers and thresholds on recorded text. */
class TailPartsTest
{
    private static final String INTERRUPTS = """
                   CPU0       CPU1
         24:          1          7  IO-APIC   5-edge      ACPI:Ged
         42:        300         12  PCI-MSI 49153-edge      virtio3-tx
        NMI:          0          2   Non-maskable interrupts
        LOC:     900000     800000   Local timer interrupts
        ERR:          0
        """;
    private static final String SOFTIRQS = """
                            CPU0       CPU1
                  HI:          0          0
              NET_RX:       1952       1451
               SCHED:      75109      71718
        """;

    @Test
    void interruptsAreReadPerCpuWithDeviceLinesNamedByTheirDevice()
    {
        final Map<Integer, Map<String, Long>> m = CpuInterrupts.parse(INTERRUPTS, "");
        assertThat(m.get(1)).containsEntry("irq 24 ACPI:Ged", 7L).containsEntry("irq 42 virtio3-tx", 12L)
            .containsEntry("NMI", 2L).containsEntry("LOC", 800000L).doesNotContainKey("ERR");
        assertThat(m.get(0)).containsEntry("irq 42 virtio3-tx", 300L).containsEntry("ERR", 0L);
        assertThat(CpuInterrupts.parse(SOFTIRQS, "softirq ").get(1)).containsEntry("softirq NET_RX", 1451L)
            .containsEntry("softirq SCHED", 71718L);
    }

    @Test
    void theLiveFilesReadWhereThereAreAny()
    {
        final Map<Integer, Map<String, Long>> live = CpuInterrupts.read();
        if (!live.isEmpty())
        {
            assertThat(live.values().iterator().next()).containsKey("softirq TIMER");
        }
    }

    @Test
    void aRedisLatencyEventIsNewWhenItsTimeOrItsLatencyChanged()
    {
        final RedisSnapshot before = new RedisSnapshot(100, 1000, 0, 0, 0,
            Map.of("command", new long[] {1000, 50}, "fork", new long[] {900, 12}));
        final RedisSnapshot after = new RedisSnapshot(400, 2000, 1, 345, 2,
            Map.of("command", new long[] {1000, 60}, "fork", new long[] {900, 12},
                "fast-command", new long[] {1001, 11}));
        final TailDeltas.RedisDelta d = after.since(before, 250, 7.5);
        assertThat(d.latencyEvents()).extracting(TailDeltas.RedisLatency::event)
            .containsExactlyInAnyOrder("command", "fast-command");
        assertThat(d.forks()).isEqualTo(1);
        assertThat(d.latestForkUsec()).isEqualTo(345);
        assertThat(d.usedMemoryBytes()).isEqualTo(1000);
        assertThat(d.evictedKeys()).isEqualTo(2);
        assertThat(d.otherCommands()).isEqualTo(50);
        assertThat(d.expectedOtherCommands()).isEqualTo(7.5);
        assertThat(after.since(after, 0, 0).latencyEvents()).isEmpty();
        assertThat(before.since(after, 0, 0).otherCommands()).as("never negative").isZero();
    }

    @Test
    void thresholdsComeFromTheEnvFileWithDefaultsForWhatIsLeftOut()
    {
        assertThat(TailThresholds.parse("# none\n", "t.env")).isEqualTo(TailThresholds.defaults());
        final TailThresholds t = TailThresholds.parse("export TAIL_THRESHOLD_US=\"150\" # a comment\n"
            + "TAIL_MAX_EVENTS_PER_10K=-1\n", "t.env");
        assertThat(t.thresholdUs()).isEqualTo(150);
        assertThat(t.thresholdNs()).isEqualTo(150_000);
        assertThat(t.hasBudget()).isFalse();
        assertThatThrownBy(() -> TailThresholds.parse("TAIL_THRESHOLD=5\n", "t.env"))
            .hasMessageStartingWith("t.env:1: unknown key 'TAIL_THRESHOLD'");
        assertThatThrownBy(() -> TailThresholds.parse("\nTAIL_THRESHOLD_US=0\n", "t.env"))
            .hasMessage("t.env: TAIL_THRESHOLD_US must be > 0, got 0.0");
    }

    @Test
    void theCommittedFileHoldsTheDefaults() throws Exception
    {
        final java.nio.file.Path file = java.nio.file.Path.of("..", "config", "tail-thresholds.env");
        assertThat(TailThresholds.load(file)).isEqualTo(TailThresholds.defaults());
    }

    @Test
    void settingsByDurationRateAndCountStopAtWhicheverComesFirst()
    {
        assertThat(TailSettings.of(1000, null, null, -1, 20).samples()).isEqualTo(60_000);
        assertThat(TailSettings.of(500, null, java.time.Duration.ofSeconds(5), -1, 20).samples()).isEqualTo(2500);
        assertThat(TailSettings.of(500, 100L, java.time.Duration.ofSeconds(5), -1, 20).samples()).isEqualTo(100);
        assertThat(TailSettings.of(500, 100L, null, -1, 20).duration()).isNull();
        assertThat(TailSettings.of(2000, 1L, null, -1, 20).intervalNs()).isEqualTo(500_000);
        assertThatThrownBy(() -> TailSettings.of(0, 1L, null, -1, 20)).hasMessageContaining("--rate");
        assertThatThrownBy(() -> TailSettings.of(10, 0L, null, -1, 20)).hasMessageContaining("--samples");
        assertThat(List.of(TailClass.values())).containsExactly(TailClass.SCHED, TailClass.IRQ, TailClass.ALLOC,
            TailClass.UNKNOWN);
    }
}
