package com.tradingstation.ops;

import com.tradingstation.json.JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateLedgerTest
{
    @TempDir
    Path dir;

    /** A ledger-like line of about 700 bytes (larger than a typical 512-byte atomic pipe write). */
    static String line(final String writer, final int seq)
    {
        return new JsonWriter().beginObject().field("schema", GateDecision.SCHEMA)
            .field("time", Instant.now().toString())
            .field("writer", writer).field("seq", seq).field("verdict", seq % 10 == 0 ? "SOFT_FAIL" : "PASS")
            .name("metrics").beginObject().field(Thresholds.RTT_P99, 10.0 + seq % 7).endObject()
            .field("padding", "x".repeat(600)).endObject().toString();
    }

    private static Process child(final String... args) throws Exception
    {
        final List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), LedgerChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void concurrentThreadsAndASecondProcessNeverInterleaveLines() throws Exception
    {
        final Path ledger = dir.resolve("logs/gate-decisions.log");
        final int threads = 4;
        final int perThread = 250;
        final int perChild = 500;
        final Process p = child("append", ledger.toString(), Integer.toString(perChild));
        final BufferedReader childOut = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
        assertThat(childOut.readLine()).isEqualTo("READY");
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final CountDownLatch go = new CountDownLatch(1);
        final List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final String name = "thread" + t;
            done.add(pool.submit(() ->
            {
                go.await();
                for (int i = 0; i < perThread; i++)
                {
                    GateLedger.append(ledger, line(name, i));
                }
                return null;
            }));
        }
        try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8))
        {
            go.countDown();
            w.write("GO\n");
        }
        for (final Future<?> f : done)
        {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(childOut.readLine()).isEqualTo("DONE");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        final GateLedger.Contents c = GateLedger.read(ledger);
        assertThat(c.badLines()).isEmpty();
        assertThat(c.tornLastLine()).isFalse();
        assertThat(c.entries()).hasSize(threads * perThread + perChild);
        final Set<String> seen = new HashSet<>();
        for (final Map<String, Object> e : c.entries())
        {
            assertThat(seen.add(e.get("writer") + "/" + e.get("seq"))).isTrue();
            assertThat((String)e.get("padding")).hasSize(600);
        }
        assertThat(Files.readAllLines(ledger)).hasSize(threads * perThread + perChild);
    }

    @Test
    void aWriterKilledMidLineLeavesATornLineThatReadersSkipAndTheNextAppendIsolates() throws Exception
    {
        final Path ledger = dir.resolve("gate-decisions.log");
        GateLedger.append(ledger, line("before", 1));
        final Process p = child("torn", ledger.toString());
        final BufferedReader childOut = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
        assertThat(childOut.readLine()).isEqualTo("HALF");
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        final GateLedger.Contents torn = GateLedger.read(ledger);
        assertThat(torn.entries()).extracting(e -> e.get("writer")).containsExactly("before");
        assertThat(torn.badLines()).containsExactly(2);
        assertThat(torn.tornLastLine()).isTrue();
        final LedgerSummary s = LedgerSummary.of(torn, Duration.ofDays(1), Instant.now().plusSeconds(1), 5);
        assertThat(s.tornLastLine()).isTrue();
        assertThat(s.toText()).contains("torn");
        assertThat(s.toJson()).contains("\"torn_last_line\":true", "\"skipped_lines\":[2]");

        // The killed writer's lock died with it; the next append starts on a line of its own.
        GateLedger.append(ledger, line("after", 2));
        final GateLedger.Contents repaired = GateLedger.read(ledger);
        assertThat(repaired.entries()).extracting(e -> e.get("writer")).containsExactly("before", "after");
        assertThat(repaired.badLines()).containsExactly(2);
        assertThat(repaired.tornLastLine()).isFalse();
    }

    @Test
    void aTruncatedLastLineWrittenDirectlyIsReportedAndAMissingFileIsEmpty() throws Exception
    {
        final Path ledger = dir.resolve("l.log");
        assertThat(GateLedger.read(ledger).entries()).isEmpty();
        final String a = line("a", 1);
        final String b = line("b", 2);
        Files.writeString(ledger, a + "\n" + b + "\n" + b.substring(0, 40));
        final GateLedger.Contents c = GateLedger.read(ledger);
        assertThat(c.entries()).hasSize(2);
        assertThat(c.badLines()).containsExactly(3);
        assertThat(c.tornLastLine()).isTrue();
        assertThatThrownBy(() -> GateLedger.append(ledger, "{}\n{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
