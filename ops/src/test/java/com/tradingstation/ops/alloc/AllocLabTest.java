package com.tradingstation.ops.alloc;

import com.tradingstation.ops.dataset.ChurnSpec;
import com.tradingstation.ops.dataset.DatasetSpec;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lab end to end on a tiny dataset, against both kinds of redis-server this project meets: the system
 * one (Debian's, linked to libjemalloc, reads MALLOC_CONF) and the embedded one (jemalloc bundled with the
 * je_ prefix, reads JE_MALLOC_CONF).
 */
class AllocLabTest
{
    private static final DatasetSpec TINY = DatasetSpec.defaults().withKeys(2_000);
    private static final ChurnSpec CHURN = ChurnSpec.defaults().with(2_000, Duration.ofSeconds(2));

    private static final AllocLab.Listener QUIET = line ->
    {
    };

    @TempDir
    Path dir;

    private LabSettings settings(final List<Variant> variants, final boolean embedded, final int rounds)
    {
        return new LabSettings(variants, variants.get(0).name(), TINY, CHURN, rounds, 500, -1, null, null, embedded,
            dir.resolve("servers"));
    }

    private static boolean systemRedisServerOnPath()
    {
        try
        {
            return "PATH".equals(ManagedRedis.builder().binaryToRun().source());
        }
        catch (final IllegalStateException none)
        {
            return false;
        }
    }

    @Test
    void theSystemBinaryReadsMallocConfAndEveryRunIsMeasuredInInterleavedOrder() throws RedisUnavailableException
    {
        assumeTrue(systemRedisServerOnPath(), "no redis-server on PATH: the system-jemalloc case is not run here");
        final List<String> lines = new ArrayList<>();
        final LabResult r = AllocLab.run(settings(List.of(new Variant("A", "", "control"),
            new Variant("B", "dirty_decay_ms:3000,muzzy_decay_ms:0", "")), false, 2), lines::add);
        assertThat(r.envVar()).isEqualTo(MallocEnvVars.SYSTEM);
        assertThat(r.allocator()).startsWith("jemalloc");
        assertThat(r.readback().get("B").inForce()).containsEntry("dirty_decay_ms", "3000")
            .containsEntry("muzzy_decay_ms", "0");
        assertThat(r.readback().get("A").requested()).isEmpty();
        assertThat(r.runs()).extracting(VariantRun::variant).containsExactly("A", "B", "A", "B");
        assertThat(r.runs()).extracting(VariantRun::round).containsExactly(1, 1, 2, 2);
        assertThat(r.runs()).extracting(VariantRun::position).containsExactly(0, 1, 2, 3);
        for (final VariantRun run : r.runs())
        {
            assertThat(run.latencyNs().get("set")).hasSizeGreaterThan(1000);
            assertThat(java.util.Arrays.stream(run.latencyNs().get("set")).min().orElse(0)).isPositive();
            assertThat(run.latencyNs().get("ping")).hasSizeGreaterThan(1000);
            assertThat(run.churnOps()).isPositive();
            assertThat(run.afterLoad().usedMemoryBytes()).isPositive();
            assertThat(run.afterChurn().memFragmentationRatio()).isPositive();
            assertThat(run.timeline()).isNotEmpty();
            assertThat(run.processEnd().minorFaults()).isGreaterThanOrEqualTo(run.processStart().minorFaults());
            assertThat(run.processStart().rssBytes()).isPositive();
        }
        assertThat(lines).anyMatch(l -> l.contains("options in MALLOC_CONF"));
        assertNoServerFilesLeft();
    }

    @Test
    void theEmbeddedBinaryReadsJeMallocConf() throws RedisUnavailableException
    {
        final LabResult r = AllocLab.run(settings(List.of(new Variant("A", "", ""),
            new Variant("E", "narenas:1", ""), new Variant("C", "dirty_decay_ms:3000,background_thread:true", "")),
            true, 1), QUIET);
        assertThat(r.envVar()).isEqualTo(MallocEnvVars.BUNDLED);
        assertThat(r.binary()).contains("embedded-redis");
        assertThat(r.readback().get("E").inForce()).containsEntry("narenas", "1");
        assertThat(r.readback().get("C").inForce()).containsEntry("background_thread", "true");
        assertThat(r.runs()).hasSize(3);
        assertNoServerFilesLeft();
    }

    @Test
    void aMisspelledOptionIsRefusedByTheReadBackOnBothBinaries()
    {
        final List<Variant> variants = List.of(new Variant("A", "", ""),
            new Variant("typo", "dirty_decay_msec:3000", ""));
        assertThatThrownBy(() -> AllocLab.run(settings(variants, true, 1), QUIET))
            .isInstanceOf(VariantRefusedException.class)
            .hasMessageContaining("typo: ")
            .hasMessageContaining("dirty_decay_msec")
            .hasMessageContaining(MallocEnvVars.BUNDLED);
        if (systemRedisServerOnPath())
        {
            assertThatThrownBy(() -> AllocLab.run(settings(variants, false, 1), QUIET))
                .isInstanceOf(VariantRefusedException.class)
                .hasMessageContaining("not an option of this jemalloc")
                .hasMessageContaining(MallocEnvVars.SYSTEM);
        }
        assertNoServerFilesLeft();
    }

    @Test
    void optionsPassedInTheWrongVariableDoNotTake()
    {
        // The embedded binary ignores MALLOC_CONF: the read-back sees jemalloc's default, not narenas:1.
        final LabSettings wrong = new LabSettings(List.of(new Variant("A", "", ""), new Variant("E", "narenas:1", "")),
            "A", TINY, CHURN, 1, 500, -1, MallocEnvVars.SYSTEM, null, true, dir.resolve("servers"));
        assertThatThrownBy(() -> AllocLab.run(wrong, QUIET))
            .isInstanceOf(VariantRefusedException.class).hasMessageContaining("narenas: asked 1, in force");
    }

    private void assertNoServerFilesLeft()
    {
        final Path servers = dir.resolve("servers");
        if (!Files.exists(servers))
        {
            return;
        }
        try (Stream<Path> s = Files.list(servers))
        {
            assertThat(s.toList()).as("server directories left behind").isEmpty();
        }
        catch (final IOException e)
        {
            throw new AssertionError(e);
        }
    }
}
