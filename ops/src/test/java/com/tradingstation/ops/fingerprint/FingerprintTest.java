package com.tradingstation.ops.fingerprint;

import com.tradingstation.json.JsonReader;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintTest
{
    private static final Instant T0 = Instant.parse("2025-09-28T07:00:00Z");
    private static final JvmFacts JVM = new JvmFacts("17.0.15", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM 17",
        List.of("-XX:+UseParallelGC", "-Xms1g"), List.of("PS Scavenge", "PS MarkSweep"));

    @TempDir
    Path dir;

    private static Fingerprint hostOnly(final Path root, final Instant time)
    {
        return Fingerprint.collect(List.of(new HostCollector(root), JVM), time, "fixture");
    }

    @Test
    void theHostCollectorParsesTheFixtureTree() throws Exception
    {
        FixtureTree.write(dir);
        final Map<String, String> items = hostOnly(dir, T0).items();
        assertThat(items).containsEntry("kernel.release", "6.8.0-45-generic")
            .containsEntry("boot.isolcpus", "2,3").containsEntry("boot.nohz_full", "2,3")
            .containsEntry("boot.rcu_nocbs", "2,3").containsEntry("boot.intel_idle.max_cstate", "1")
            .containsEntry("boot.processor.max_cstate", HostCollector.NOT_SET)
            .containsEntry("cpu.model", "Intel(R) Xeon(R) Gold 6354 CPU").containsEntry("cpu.count", "4")
            .containsEntry("cpu.online", "0-3").containsEntry("cpu.isolated", "2-3")
            .containsEntry("cpu.governor", "performance").containsEntry("cpu.turbo", "intel_pstate off (no_turbo=1)")
            .containsEntry("cpu.idle.driver", "intel_idle").containsEntry("cpu.idle.governor", "menu")
            .containsEntry("cpu.idle.states", "POLL,C6:0-1 POLL,C6(disabled):2-3")
            .containsEntry("module.intel_idle.max_cstate", "1")
            .containsEntry("module.processor.max_cstate", FingerprintItems.ABSENT)
            .containsEntry("mm.thp.enabled", "madvise").containsEntry("mm.thp.defrag", "madvise")
            .containsEntry("numa.nodes", "1")
            .containsEntry("sysctl.net.core.rmem_max", "4194304").containsEntry("sysctl.net.core.busy_poll", "50")
            .containsEntry("sysctl.net.core.busy_read", FingerprintItems.ABSENT)
            .containsEntry("sysctl.vm.swappiness", "1").containsEntry("sysctl.kernel.numa_balancing", "0")
            .containsEntry("sysctl.kernel.sched_rt_runtime_us", "-1")
            .containsEntry("sysctl.kernel.sched_autogroup_enabled", "0")
            .containsEntry("jvm.flags", "-XX:+UseParallelGC -Xms1g")
            .containsEntry("jvm.gc", "PS Scavenge, PS MarkSweep");
        // The init arguments after "--" are not the kernel's.
        assertThat(items.get("boot.cmdline")).endsWith("-- --init-arg isolcpus=9");
    }

    @Test
    void governorsThatDifferAreListedWithTheirCpus() throws Exception
    {
        FixtureTree.write(dir).governor(0, "powersave").governor(1, "powersave");
        assertThat(hostOnly(dir, T0).items()).containsEntry("cpu.governor", "powersave:0-1 performance:2-3");
        assertThat(HostCollector.selected("always madvise never")).isEqualTo("always madvise never");
        assertThat(HostCollector.ranges(List.of(0, 1, 2, 5, 7, 8))).isEqualTo("0-2,5,7-8");
    }

    @Test
    void anUnreadableFileIsAnItemValueNotAFailure() throws Exception
    {
        final FixtureTree tree = FixtureTree.write(dir);
        // A file that exists but cannot be read, even by root: a directory where the file should be.
        final Path thp = tree.root().resolve("sys/kernel/mm/transparent_hugepage/enabled");
        Files.delete(thp);
        Files.createDirectories(thp);
        Files.delete(tree.root().resolve("proc/cpuinfo"));
        final Map<String, String> items = hostOnly(dir, T0).items();
        assertThat(items).containsEntry("mm.thp.enabled", FingerprintItems.UNREADABLE)
            .containsEntry("cpu.model", FingerprintItems.ABSENT).containsEntry("cpu.count", FingerprintItems.ABSENT)
            .containsEntry("mm.thp.defrag", "madvise");
    }

    @Test
    void anEmptyRootStillYieldsEveryItem()
    {
        final Map<String, String> items = hostOnly(dir.resolve("nothing-here"), T0).items();
        assertThat(items).containsEntry("kernel.release", FingerprintItems.ABSENT)
            .containsEntry("boot.isolcpus", FingerprintItems.ABSENT)
            .containsEntry("cpu.governor", FingerprintItems.ABSENT)
            .containsEntry("numa.nodes", FingerprintItems.ABSENT);
    }

    @Test
    void theHashCoversTheItemsOnlyAndTheJsonReadsBack() throws Exception
    {
        FixtureTree.write(dir);
        final Fingerprint a = hostOnly(dir, T0);
        final Fingerprint later = hostOnly(dir, T0.plusSeconds(86_400));
        assertThat(later.sha256()).isEqualTo(a.sha256()).matches("[0-9a-f]{64}");
        final Fingerprint back = Fingerprint.parse(a.toJson());
        assertThat(back).isEqualTo(a);
        assertThat(JsonReader.parseObject(a.toJson())).containsEntry("schema", Fingerprint.SCHEMA)
            .containsEntry("sha256", a.sha256());

        FixtureTree.write(dir).file("sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        assertThat(hostOnly(dir, T0).sha256()).isNotEqualTo(a.sha256());

        assertThatThrownBy(() -> Fingerprint.parse("{\"schema\":\"station.gate/1\"}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a fingerprint");
        assertThatThrownBy(() -> Fingerprint.parse("{\"schema\":\"" + Fingerprint.SCHEMA + "\""))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisMachinesProcIsFingerprintedStably()
    {
        final List<FingerprintCollector> real = List.of(new HostCollector(Path.of("/")), JvmFacts.current());
        final Fingerprint first = Fingerprint.collect(real, Instant.now(), "this");
        final Fingerprint second = Fingerprint.collect(real, Instant.now(), "this");
        assertThat(first.sha256()).matches("[0-9a-f]{64}").isEqualTo(second.sha256());
        assertThat(first.items().get("kernel.release")).isNotEqualTo(FingerprintItems.ABSENT).isNotBlank();
        assertThat(first.items().get("cpu.count")).matches("[1-9][0-9]*");
        assertThat(first.items().get("jvm.version")).isEqualTo(System.getProperty("java.version"));
        // A sysctl is read whole (it answers only a read from offset 0): rmem_max is thousands of bytes at least.
        assertThat(first.items().get("sysctl.net.core.rmem_max")).matches("\\d{4,}|" + FingerprintItems.ABSENT);
    }

    @Test
    void aPrivateRedisReportsItsProfileAndJemallocOptions()
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start())
        {
            final Fingerprint f = Fingerprint.collect(List.of(new RedisCollector(redis.endpoint())), T0, "fixture");
            final Map<String, String> items = f.items();
            assertThat(items.get("redis.version")).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(items).containsEntry("redis.config.hz", "8").containsEntry("redis.config.maxmemory", "67108864")
                .containsEntry("redis.config.appendonly", "no").containsEntry("redis.config.save", "")
                .containsEntry("redis.config.maxmemory-policy", "allkeys-lru");
            for (final String key : RedisCollector.PROFILE_KEYS)
            {
                assertThat(items).containsKey("redis.config." + key);
            }
            assertThat(f.notes()).isEmpty();
            if (items.get("redis.mem_allocator").startsWith("jemalloc"))
            {
                assertThat(items).containsKey("redis.malloc.opt.narenas")
                    .containsKey("redis.malloc.opt.dirty_decay_ms")
                    .doesNotContainKey(RedisCollector.MALLOC_OPTIONS);
            }
            else
            {
                assertThat(items).containsEntry(RedisCollector.MALLOC_OPTIONS, "not jemalloc");
            }
        }
    }

    @Test
    void withoutARedisItsItemsAreUnavailable() throws Exception
    {
        final Fingerprint none = Fingerprint.collect(List.of(new RedisCollector(null)), T0, "fixture");
        assertThat(none.items()).containsEntry("redis.version", FingerprintItems.UNAVAILABLE)
            .containsEntry("redis.config.hz", FingerprintItems.UNAVAILABLE)
            .containsEntry(RedisCollector.MALLOC_OPTIONS, FingerprintItems.UNAVAILABLE);
        assertThat(none.notes()).singleElement().asString().contains("none given");

        final RedisEndpoint gone;
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start())
        {
            gone = redis.endpoint();
        }
        final Fingerprint down = Fingerprint.collect(List.of(new RedisCollector(gone)), T0, "fixture");
        assertThat(down.items()).isEqualTo(none.items());
        assertThat(down.notes()).singleElement().asString().startsWith("redis: ").contains(gone.address());
    }

    @Test
    void aGovernorChangeRanksAboveAKernelReleaseChange() throws Exception
    {
        FixtureTree.write(dir);
        final Fingerprint base = hostOnly(dir, T0);
        FixtureTree.write(dir).governor(3, "powersave").file("proc/sys/kernel/osrelease", "6.8.0-49-generic\n")
            .file("proc/sys/net/core/rmem_max", "212992\n");
        Files.delete(dir.resolve("proc/sys/kernel/sched_autogroup_enabled"));
        final Fingerprint now = hostOnly(dir, T0.plusSeconds(60));

        final FingerprintDiff diff = FingerprintDiff.of(base, now);
        assertThat(diff.drifts()).extracting(FingerprintDiff.Drift::key).containsExactly("cpu.governor",
            "sysctl.net.core.rmem_max", "sysctl.kernel.sched_autogroup_enabled", "kernel.release");
        assertThat(diff.drifts()).extracting(FingerprintDiff.Drift::weight)
            .containsExactly(DriftWeight.HIGH, DriftWeight.MEDIUM, DriftWeight.MEDIUM, DriftWeight.LOW);
        assertThat(diff.drifts().get(0).now()).isEqualTo("performance:0-2 powersave:3");
        assertThat(diff.drifts().get(2).change()).isEqualTo("removed");

        final Map<String, Object> json = JsonReader.parseObject(diff.toJson());
        assertThat(json).containsEntry("drifted", true).containsEntry("count", 4.0);
        assertThat(JsonReader.at(json, "base.sha256")).isEqualTo(base.sha256());
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> rows = (List<Map<String, Object>>)json.get("items");
        assertThat(rows.get(0)).containsEntry("rank", 1.0).containsEntry("weight", "high")
            .containsEntry("base", "performance").containsEntry("key", "cpu.governor");
        assertThat(rows.get(2)).containsEntry("current", null);

        final String text = diff.toText();
        assertThat(text).contains("4 items drifted", "RANK  WEIGHT");
        assertThat(text.indexOf("cpu.governor")).isLessThan(text.indexOf("kernel.release"));

        final FingerprintDiff same = FingerprintDiff.of(now, hostOnly(dir, T0.plusSeconds(120)));
        assertThat(same.drifted()).isFalse();
        assertThat(same.toText()).contains("no drift");
        assertThat(FingerprintDiff.shown("x".repeat(100))).hasSize(34).contains("...");
    }
}
