package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code station run --cpu/--idle/--status-threads}: placement said at start, read back, and costs that move. */
class RunPlacementTest extends CommandTestBase
{
    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void session() throws IOException
    {
        file = dir.resolve("s.gz");
        assertThat(run("synth", "--symbols", "3", "--duration", "20", "-o", file.toString())).isZero();
        out.getBuffer().setLength(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> threadsOfFinalStatus()
    {
        final String text = out.toString();
        final String json = text.substring(text.indexOf("{\"state\""), text.lastIndexOf('}') + 1);
        final List<Object> threads = (List<Object>)JsonReader.at(JsonReader.parseObject(json), "runtime.threads");
        final Map<String, Map<String, Object>> byRole = new HashMap<>();
        threads.forEach(t -> byRole.put((String)((Map<String, Object>)t).get("role"), (Map<String, Object>)t));
        return byRole;
    }

    private static long number(final Map<String, Object> thread, final String key)
    {
        return ((Number)thread.get(key)).longValue();
    }

    @Test
    void pinsEachThreadOnItselfSaysSoAtStartAndReportsItsCosts() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("station.properties"), "station.redis.maxmemory=256mb\n");
        assertThat(run("run", "--cpu", "books=0,sink=0", "--idle", "books=busy-spin,sink=yielding",
            "--http-port", "-1", "--status-threads", "true", "--status-interval-ms", "100", "--rate", "1000",
            "--config", config.toString(), file.toString()))
            .as(err.toString()).isZero();
        for (final String role : List.of("books", "sink"))
        {
            assertThat(err.toString()).containsPattern("station: thread " + role +
                " \\(tid \\d+\\) pinned to CPU 0, read back 0 \\(sched_getaffinity\\) and 0 \\(/proc\\)");
        }
        assertThat(err.toString()).as("the status line carries the threads on request")
            .containsPattern("\\| books cpu0 pinned cs \\d+/\\d+ flt \\d+/\\d+");
        assertThat(out.toString()).contains("\"cpu\":\"books=0,sink=0\"",
            "\"idle\":\"books=busy-spin,sink=yielding\"");

        final Map<String, Map<String, Object>> threads = threadsOfFinalStatus();
        assertThat(threads).containsKeys("books", "sink", "reader", "status");
        for (final String role : List.of("books", "sink"))
        {
            assertThat(threads.get(role)).containsEntry("pinned", true).containsEntry("cpusAllowed", "0")
                .containsEntry("lastCpu", 0.0);
            // whether the thread's /proc entry is gone by the last sample races its exit: only its form is fixed
            assertThat(threads.get(role).get("ended")).isInstanceOf(Boolean.class);
        }
        // the reader is this test's own thread: never pinned here, or every later test would inherit it
        assertThat(threads.get("reader")).containsEntry("pinned", false).containsEntry("cpusRequested", "");
        assertThat(number(threads.get("reader"), "minorFaults")).as("the reader mapped and read the file")
            .isPositive();
        assertThat(number(threads.get("sink"), "voluntarySwitches")).as("a yielding sink paced at 1,000/s gives way")
            .isPositive();
        assertThat(number(threads.get("books"), "cpuMs") + number(threads.get("reader"), "cpuMs"))
            .as("books and reader did the work").isPositive();
    }

    @Test
    void aCpuTheHostLacksIsOneLineAndExit2BeforeAnythingStarts()
    {
        assertThat(run("run", "--cpu", "books=999", "--http-port", "-1", file.toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1)
            .startsWith("station run: --cpu books=999: CPU 999 does not exist on this host (online: ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownRolesStrategiesAndLockModesAreUsageErrors()
    {
        assertThat(run("run", "--cpu", "disk=0", file.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown thread 'disk' (threads: reader, rx, rest, books, sink, http,");
        err.getBuffer().setLength(0);
        assertThat(run("run", "--idle", "books=spin", file.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("unknown idle strategy 'spin'");
        err.getBuffer().setLength(0);
        assertThat(run("run", "--mlock", "always", file.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("--mlock must be off, try or require");
    }
}
