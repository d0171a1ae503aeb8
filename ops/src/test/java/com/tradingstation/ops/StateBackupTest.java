package com.tradingstation.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

class StateBackupTest
{
    private static final Instant NOW = Instant.parse("2026-12-02T16:30:05Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path home;

    @TempDir
    Path outside;

    private void fixture() throws IOException
    {
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("state/days"));
        Files.createDirectories(home.resolve("state/tail-runs"));
        for (int i = 0; i < 20; i++)
        {
            GateLedger.append(home.resolve("logs/gate-decisions.log"),
                LedgerRotationTest.decision(NOW.minusSeconds(i * 86_400L), i % 5 == 0 ? "FAIL" : "PASS", 10 + i));
        }
        final StringBuilder rotated = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            rotated.append(LedgerRotationTest.decision(NOW.minusSeconds(40 * 86_400L - i), "PASS", 9 + i)).append('\n');
        }
        Files.writeString(home.resolve("logs/gate-decisions-20261101.log"), rotated);
        Files.writeString(home.resolve("logs/other.log"), "not state\n");
        Files.writeString(home.resolve("config/perf-thresholds.env"), "RTT_P99_GATE_US=12\n");
        Files.writeString(home.resolve("config/station.properties"), "station.http.port=-1\n");
        Files.writeString(home.resolve("state/days/2026-12-01.jsonl"), "{\"p99_us\":10.0}\n");
        Files.writeString(home.resolve("state/tail-runs/run-1.json"), "{\"classCounts\":{}}\n");
        Files.writeString(home.resolve("state/fingerprint.json"), "{}\n");
        Files.writeString(outside.resolve("secret.txt"), "outside the home\n");
        Files.createSymbolicLink(home.resolve("state/escape.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(home.resolve("state/outdir"), outside);
        Files.createSymbolicLink(home.resolve("state/inside.env"), home.resolve("config/perf-thresholds.env"));
    }

    @Test
    void theArchiveHoldsTheStateByRelativePathsAndNothingFromOutsideTheHome() throws IOException
    {
        fixture();
        final StateBackup.Written w = StateBackup.create(home, home.resolve("backups"), CLOCK);
        assertThat(w.archive()).hasFileName("station-state-20261202-163005Z.zip");
        assertThat(w.entries()).containsExactly("logs/gate-decisions-20261101.log", "logs/gate-decisions.log",
            "config/perf-thresholds.env", "state/days/2026-12-01.jsonl", "state/fingerprint.json",
            "state/inside.env", "state/tail-runs/run-1.json");
        assertThat(w.skipped()).hasSize(2).anyMatch(s -> s.startsWith("state/escape.txt: a link out of the home"))
            .anyMatch(s -> s.startsWith("state/outdir: a link out of the home"));
        try (ZipFile zip = new ZipFile(w.archive().toFile()))
        {
            assertThat(zip.stream().map(e -> e.getName()).toList()).isEqualTo(w.entries());
            assertThat(new String(zip.getInputStream(zip.getEntry("logs/gate-decisions.log")).readAllBytes()))
                .isEqualTo(Files.readString(home.resolve("logs/gate-decisions.log")));
            assertThat(new String(zip.getInputStream(zip.getEntry("state/inside.env")).readAllBytes()))
                .isEqualTo("RTT_P99_GATE_US=12\n");
        }
        assertThat(StateBackup.create(home, home.resolve("backups"), CLOCK).archive())
            .as("a second backup in the same second").hasFileName("station-state-20261202-163005Z-2.zip");
        assertThat(StateBackup.verify(w.archive()).ok()).isTrue();
        assertThat(StateBackup.verify(w.archive()).entries()).isEqualTo(7);
    }

    @Test
    void retentionGoesByTheDateInTheNameAndKeepsTheYoungerArchives() throws IOException
    {
        final Path dest = Files.createDirectories(home.resolve("backups"));
        final Path old = dest.resolve("station-state-20261023-163005Z.zip");
        final Path young = dest.resolve("station-state-20261122-163005Z.zip");
        final Path foreign = dest.resolve("notes.zip");
        for (final Path p : List.of(old, young, foreign))
        {
            Files.writeString(p, "x");
        }
        assertThat(Duration.between(StateBackup.nameTime(old.getFileName().toString()), NOW).toDays()).isEqualTo(40);
        final List<StateBackup.Archive> deleted = StateBackup.prune(dest, 30, CLOCK);
        assertThat(deleted).extracting(StateBackup.Archive::file).containsExactly(old);
        assertThat(old).doesNotExist();
        assertThat(young).exists();
        assertThat(foreign).exists();
        assertThat(StateBackup.list(dest)).extracting(StateBackup.Archive::file).containsExactly(young);
    }

    @Test
    void verifyFindsOneCorruptedByteOfAnEntry() throws IOException
    {
        fixture();
        final Path archive = StateBackup.create(home, home.resolve("backups"), CLOCK).archive();
        // The first entry's data starts after its 30-byte local header, name and extra field.
        final long dataStart;
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw"))
        {
            f.seek(26);
            final int nameLength = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
            final int extraLength = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
            dataStart = 30L + nameLength + extraLength + 2;
            f.seek(dataStart);
            final int b = f.read();
            f.seek(dataStart);
            f.write(b ^ 0x5a);
        }
        final StateBackup.Verified v = StateBackup.verify(archive);
        assertThat(v.ok()).isFalse();
        assertThat(v.damaged()).isNotEmpty().first().asString().startsWith("logs/gate-decisions-20261101.log");
    }
}
