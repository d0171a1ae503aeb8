package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackupCommandTest extends CommandTestBase
{
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC);

    @TempDir
    Path home;

    @Test
    void backupListAndVerifyWithTheRetentionApplied() throws IOException
    {
        Files.createDirectories(home.resolve("logs"));
        Files.writeString(home.resolve("logs/gate-decisions.log"), "{\"verdict\":\"PASS\"}\n".repeat(50));
        Files.createDirectories(home.resolve("state/days"));
        Files.writeString(home.resolve("state/days/2026-12-01.jsonl"), "{}\n");
        final Path backups = Files.createDirectories(home.resolve("backups"));
        final Path old = backups.resolve("station-state-" + STAMP.format(Instant.now().minus(Duration.ofDays(40)))
            + "Z.zip");
        final Path young = backups.resolve("station-state-" + STAMP.format(Instant.now().minus(Duration.ofDays(10)))
            + "Z.zip");
        Files.writeString(old, "x");
        Files.writeString(young, "x");

        assertThat(run("backup", "--home", home.toString(), "--json")).as(err.toString()).isZero();
        final Map<String, Object> made = JsonReader.parseObject(out.toString().trim());
        assertThat(made.get("entries")).isEqualTo(List.of("logs/gate-decisions.log", "state/days/2026-12-01.jsonl"));
        assertThat(made.get("deleted")).isEqualTo(List.of(old.toString()));
        assertThat(old).doesNotExist();
        assertThat(young).exists();
        final Path archive = Path.of((String)made.get("archive"));
        assertThat(archive.getParent()).isEqualTo(backups.toRealPath());

        assertThat(run("backup", "--home", home.toString(), "--list")).isZero();
        assertThat(out.toString()).contains("2 archive(s)", young.getFileName().toString(),
            archive.getFileName().toString());
        assertThat(run("backup", "--verify", archive.toString())).isZero();
        assertThat(out.toString()).contains("sound, 2 entries");
        assertThat(run("backup", "--verify", young.toString(), "--json")).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(JsonReader.parseObject(out.toString().trim())).containsEntry("ok", false);
        assertThat(run("backup", "--verify", home.resolve("none.zip").toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("no such file");
        assertThat(run("backup", "--home", home.toString(), "--retention-days", "0"))
            .isEqualTo(StationMain.EXIT_USAGE);
    }
}
