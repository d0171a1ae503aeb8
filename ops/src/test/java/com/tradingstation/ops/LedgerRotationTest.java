package com.tradingstation.ops;

import com.tradingstation.json.JsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerRotationTest
{
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    Path dir;

    static String decision(final Instant time, final String verdict, final double p99)
    {
        return new JsonWriter().beginObject().field("schema", GateDecision.SCHEMA).field("time", time.toString())
            .field("verdict", verdict).name("metrics").beginObject().field(Thresholds.RTT_P99, p99).endObject()
            .endObject().toString();
    }

    private static String verdict(final int i)
    {
        return i == 3 ? "FAIL" : i == 7 ? "UNMEASURED" : "PASS";
    }

    @Test
    void theSummaryReadsOnAcrossARotationAsIfTheLedgerWereOneFile() throws IOException
    {
        final Path whole = dir.resolve("a/gate-decisions.log");
        final Path split = dir.resolve("b/gate-decisions.log");
        for (int i = 0; i < 10; i++)
        {
            final String line = decision(NOW.minus(Duration.ofDays(10 - i)), verdict(i), 10 + i);
            GateLedger.append(whole, line);
            GateLedger.append(split, line);
            if (i == 5)
            {
                final Path to = LedgerRotation.rotate(split);
                assertThat(to.getFileName().toString())
                    .isEqualTo("gate-decisions-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + ".log");
            }
        }
        assertThat(GateLedger.read(split).entries()).hasSize(4);
        assertThat(LedgerRotation.rotated(split)).hasSize(1);
        final LedgerSummary one = LedgerSummary.of(LedgerRotation.readAll(whole), Duration.ofDays(30), NOW, 10);
        final LedgerSummary two = LedgerSummary.of(LedgerRotation.readAll(split), Duration.ofDays(30), NOW, 10);
        assertThat(two).isEqualTo(one);
        assertThat(two.total()).isEqualTo(10);
        assertThat(two.passed()).isEqualTo(8);
        assertThat(two.p99Us()).hasSize(10).startsWith(10.0, 11.0).endsWith(19.0);
    }

    @Test
    void aLedgerLastWrittenLastMonthOrAtItsSizeLimitRotatesBeforeTheNextAppend() throws IOException
    {
        final Path ledger = dir.resolve("gate-decisions.log");
        GateLedger.append(ledger, decision(NOW, "PASS", 9));
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThat(LedgerRotation.rotateIfDue(ledger, LedgerRotation.MAX_BYTES, clock)).as("written this month")
            .isNull();
        Files.setLastModifiedTime(ledger, FileTime.from(Instant.parse("2026-11-30T23:00:00Z")));
        final Path monthly = LedgerRotation.rotateIfDue(ledger, LedgerRotation.MAX_BYTES, clock);
        assertThat(monthly).hasFileName("gate-decisions-20261130.log");
        assertThat(ledger).doesNotExist();
        GateLedger.append(ledger, decision(NOW, "FAIL", 30));
        assertThat(LedgerRotation.rotateIfDue(ledger, Files.size(ledger) + 1, clock)).isNull();
        Files.setLastModifiedTime(ledger, FileTime.from(Instant.parse("2026-11-30T23:30:00Z")));
        final Path bySize = LedgerRotation.rotateIfDue(ledger, Files.size(ledger), Clock.fixed(
            Instant.parse("2026-11-30T23:59:00Z"), ZoneOffset.UTC));
        assertThat(bySize).hasFileName("gate-decisions-20261130-2.log");
        assertThat(LedgerRotation.rotate(ledger)).as("nothing left to rotate").isNull();
        GateLedger.append(ledger, decision(NOW, "FAIL", 31));
        final List<LedgerRotation.Rotated> rotated = LedgerRotation.rotated(ledger);
        assertThat(rotated).extracting(LedgerRotation.Rotated::seq).containsExactly(1, 2);
        assertThat(LedgerRotation.readAll(ledger).entries()).extracting(e -> e.get("verdict"))
            .containsExactly("PASS", "FAIL", "FAIL");
        assertThat(LedgerRotation.lastPass(ledger)).get().extracting(e -> e.get("time")).isEqualTo(NOW.toString());
        assertThat(LedgerRotation.lastPass(dir.resolve("none.log"))).isEmpty();
    }

    @Test
    void aTornLastLineOfARotatedFileIsASkippedLineNotAGluedOne() throws IOException
    {
        final Path ledger = dir.resolve("gate-decisions.log");
        GateLedger.append(ledger, decision(NOW, "PASS", 9));
        Files.writeString(ledger, "{\"time\":", java.nio.file.StandardOpenOption.APPEND);
        LedgerRotation.rotate(ledger);
        Files.writeString(ledger, decision(NOW, "PASS", 8) + "\n");
        final GateLedger.Contents c = LedgerRotation.readAll(ledger);
        assertThat(c.entries()).hasSize(2);
        assertThat(c.badLines()).containsExactly(2);
        assertThat(c.tornLastLine()).isFalse();
    }
}
