package com.tradingstation.ops.alloc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadbacksTest
{
    /** Lines as jemalloc 5.3's malloc_stats_print writes them (from Debian's redis-server 7.0). */
    private static final String STATS = String.join("\n",
        "___ Begin jemalloc statistics ___",
        "Version: \"5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c\"",
        "Build-time option settings",
        "  config.debug: false",
        "Run-time option settings",
        "  opt.abort: false",
        "  opt.narenas: 1",
        "  opt.background_thread: false (background_thread: true)",
        "  opt.dirty_decay_ms: 3000 (arenas.dirty_decay_ms: 3000)",
        "  opt.muzzy_decay_ms: 0 (arenas.muzzy_decay_ms: 0)",
        "  opt.metadata_thp: \"auto\"",
        "  opt.thp: \"default\"",
        "Arenas: 1");

    @Test
    void theRunTimeValueInParenthesesIsTheOneInForce()
    {
        assertThat(MallocStats.printed(STATS)).containsEntry("background_thread", "false (background_thread: true)")
            .containsEntry("narenas", "1").hasSize(7);
        assertThat(MallocStats.inForce(STATS)).containsEntry("background_thread", "true")
            .containsEntry("dirty_decay_ms", "3000").containsEntry("metadata_thp", "auto");
    }

    @Test
    void everyOptionInForceIsAccepted()
    {
        final Variant v = new Variant("B", "dirty_decay_ms:3000, muzzy_decay_ms:0,narenas:1,background_thread:true",
            "");
        final Readback r = Readbacks.check(MallocEnvVars.SYSTEM, v, STATS, "");
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.requested()).containsKeys("dirty_decay_ms", "muzzy_decay_ms", "narenas", "background_thread");
        assertThat(r.inForce()).containsEntry("narenas", "1");
    }

    @Test
    void aMisspelledOptionAValueNotInForceAndARefusedPairAreEachReported()
    {
        final Variant v = new Variant("X", "dirty_decay_msec:3000,narenas:4,metadata_thp:auto", "");
        final Readback r = Readbacks.check(MallocEnvVars.BUNDLED, v, STATS,
            "<jemalloc>: Invalid conf pair: dirty_decay_msec:3000\n1234:C # Redis is starting\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.mismatches()).hasSize(3);
        assertThat(r.mismatches().get(0)).contains("refused 'dirty_decay_msec:3000'");
        assertThat(r.mismatches().get(1)).startsWith("dirty_decay_msec: not an option of this jemalloc");
        assertThat(r.mismatches().get(2)).isEqualTo("narenas: asked 4, in force 1");
    }

    @Test
    void aServerWithoutOptLinesCannotBeReadBack()
    {
        final Readback r = Readbacks.check(MallocEnvVars.SYSTEM, new Variant("A", "", ""), "Stats not supported", "");
        assertThat(r.ok()).isFalse();
        assertThat(r.mismatches()).singleElement().asString().contains("no opt.* line");
    }

    @Test
    void variantFilesParseWithPurposesAndRefuseBadLines()
    {
        final List<Variant> v = Variants.parse(List.of("# the lab's file", "", "base=",
            "fast=dirty_decay_ms:0 # purge at once", "one=narenas:1"));
        assertThat(v).extracting(Variant::name).containsExactly("base", "fast", "one");
        assertThat(v.get(0).mallocConf()).isEmpty();
        assertThat(v.get(1).purpose()).isEqualTo("purge at once");
        assertThat(v.get(1).options()).containsEntry("dirty_decay_ms", "0");
        assertThatThrownBy(() -> Variants.parse(List.of("A=", "B narenas:1")))
            .hasMessage("variants line 2: expected NAME=MALLOC_CONF, got 'B narenas:1'");
        assertThatThrownBy(() -> Variants.parse(List.of("A=", "A=narenas:1"))).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Variants.parse(List.of("A="))).hasMessageContaining("at least two");
        assertThatThrownBy(() -> Variants.parse(List.of("A=", "b c=x:1"))).hasMessageContaining("variants line 2");
        assertThat(Variants.defaults()).extracting(Variant::name).containsExactly("A", "B", "C", "D", "E");
        assertThatThrownBy(() -> MallocEnvVars.check("MALLOC_OPTS"))
            .hasMessageContaining("MALLOC_CONF or JE_MALLOC_CONF");
    }

    @Test
    void processCountersComeFromStatAndEveryTasksStatus(@TempDir final Path proc)
        throws IOException
    {
        final Path p = proc.resolve("42");
        Files.createDirectories(p.resolve("task/42"));
        Files.createDirectories(p.resolve("task/43"));
        // comm with a space and a parenthesis, as the kernel allows
        Files.writeString(p.resolve("stat"), "42 (redis (x) srv) S 1 42 42 0 -1 4194560 1234 0 5 0 7 3 0 0 20 0\n");
        Files.writeString(p.resolve("status"), "Name:\tredis-server\nVmRSS:\t  2048 kB\nvoluntary_ctxt_switches:\t9\n");
        Files.writeString(p.resolve("task/42/status"),
            "voluntary_ctxt_switches:\t10\nnonvoluntary_ctxt_switches:\t2\n");
        Files.writeString(p.resolve("task/43/status"), "voluntary_ctxt_switches:\t5\nnonvoluntary_ctxt_switches:\t1\n");
        assertThat(ProcessProbe.read(proc, 42)).isEqualTo(new ProcessCounters(15, 3, 1234, 5, 2048 * 1024));
        assertThat(ProcessProbe.read(proc, 7)).isEqualTo(ProcessCounters.UNKNOWN);
        final ProcessCounters self = ProcessProbe.read(ProcessHandle.current().pid());
        if (Files.isDirectory(Path.of("/proc/self/task")))
        {
            assertThat(self.minorFaults()).isPositive();
            assertThat(self.rssBytes()).isPositive();
            assertThat(self.voluntaryCtxSwitches()).isPositive();
        }
    }
}
