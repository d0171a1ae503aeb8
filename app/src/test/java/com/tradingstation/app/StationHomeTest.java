package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger, thresholds and proposed thresholds resolve from the station home, never the working directory. */
class StationHomeTest extends RedisCommandTestBase
{
    private static final String[] FAST = {"--samples", "100", "--interval-us", "100", "--cpu", "-1"};
    /** Thresholds no measurement passes (p99 under 10 ns). */
    static final String IMPOSSIBLE = GENEROUS.replaceAll("RTT_P99_(\\w+)=1000000", "RTT_P99_$1=0.01") +
        "SOFT_FAIL_TOLERANCE_PCT=0\n";

    @TempDir
    Path dir;

    /** A home with a config/ and the given thresholds. */
    private Path home(final String name, final String thresholds) throws IOException
    {
        final Path h = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(h.resolve("config"));
        Files.writeString(h.resolve("config/perf-thresholds.env"), thresholds);
        Files.writeString(h.resolve("station.properties"), "station.http.port=-1\n");
        return h;
    }

    @Test
    void theFlagWinsOverTheVariableWhichWinsOverTheInstallDirectory() throws Exception
    {
        final Path install = Files.createDirectories(dir.resolve("install/app/target/classes"));
        final Path root = dir.resolve("install");
        final Path jar = root.resolve("app/target/station.jar");
        final Path flag = Files.createDirectories(dir.resolve("flag"));
        final Path env = Files.createDirectories(dir.resolve("env"));
        // Not an install until the launcher is there.
        assertThat(StationHome.installDirectory(install)).isNull();
        Files.writeString(root.resolve("station"), "#!/usr/bin/env bash\n");
        assertThat(StationHome.installDirectory(install)).isEqualTo(root);
        assertThat(StationHome.installDirectory(jar)).isEqualTo(root);
        assertThat(StationHome.installDirectory(dir.resolve("elsewhere/station.jar"))).isNull();

        assertThat(StationHome.resolve(flag, Map.of("STATION_HOME", env.toString()), jar)).isEqualTo(flag);
        assertThat(StationHome.resolve(null, Map.of("STATION_HOME", env.toString()), jar)).isEqualTo(env);
        assertThat(StationHome.resolve(null, Map.of("STATION_HOME", " "), jar)).isEqualTo(root);
        assertThat(StationHome.resolve(null, Map.of(), jar)).isEqualTo(root);
        assertThat(StationHome.resolve(null, Map.of(), dir.resolve("elsewhere/station.jar"))).isNull();
        assertThatThrownBy(() -> StationHome.resolve(dir.resolve("missing"), Map.of(), jar))
            .hasMessage("--home " + dir.resolve("missing") + " is not a directory");
        assertThatThrownBy(() -> StationHome.resolve(null, Map.of("STATION_HOME", dir.resolve("gone").toString()), jar))
            .hasMessage("STATION_HOME=" + dir.resolve("gone") + " is not a directory");
    }

    @Test
    void theGateReadsThresholdsAndAppendsToTheLedgerOfItsHome() throws Exception
    {
        final Path h = home("home", GENEROUS);
        assertThat(run(args("gate", FAST, "--home", h, "--redis", redis().uri(), "--config",
            h.resolve("station.properties"))))
            .as(out + " " + err).isZero();
        assertThat(out.toString()).startsWith("gate: PASS")
            .contains("thresholds " + h.resolve("config/perf-thresholds.env"));
        final GateLedger.Contents c = GateLedger.read(h.resolve("logs/gate-decisions.log"));
        assertThat(c.entries()).singleElement().satisfies(e ->
        {
            assertThat(e).containsEntry("verdict", "PASS")
                .containsEntry("thresholds_source", h.resolve("config/perf-thresholds.env").toString())
                .containsEntry("thresholds_sha256", Thresholds.parse(GENEROUS, "x").sha256());
        });

        // Explicit files still win over the home.
        final Path other = dir.resolve("other/ledger.log");
        final Path strict = dir.resolve("strict.env");
        Files.writeString(strict, IMPOSSIBLE);
        assertThat(run(args("gate", FAST, "--metrics-only", "--home", h, "--ledger", other, "--thresholds", strict,
            "--redis", redis().uri(), "--config", h.resolve("station.properties")))).as(out + " " + err).isEqualTo(4);
        assertThat(GateLedger.read(other).entries()).singleElement()
            .satisfies(e -> assertThat(e).containsEntry("verdict", "FAIL"));
        assertThat(GateLedger.read(h.resolve("logs/gate-decisions.log")).entries()).hasSize(1);

        // The ledger command reads the same file.
        assertThat(run(args("ledger", "--json", "--home", h))).isEqualTo(StationMain.EXIT_OK);
        assertThat(JsonReader.parseObject(out.toString().trim())).containsEntry("decisions", 1.0)
            .containsEntry("pass", 1.0);
        assertThat(run(args("ledger", "--home", h))).isEqualTo(StationMain.EXIT_OK);
        assertThat(out.toString()).startsWith("ledger " + h.resolve("logs/gate-decisions.log"));
    }

    @Test
    void calibrationWritesItsProposalUnderTheHome() throws Exception
    {
        final Path h = home("cal", GENEROUS);
        assertThat(run(args("gate", "--calibrate", "--runs", "1", FAST, "--home", h, "--redis", redis().uri(),
            "--config", h.resolve("station.properties")))).as(err.toString()).isZero();
        final Path proposed = h.resolve("config/perf-thresholds.proposed.env");
        assertThat(out.toString()).contains("# written to " + proposed);
        assertThat(Thresholds.load(proposed).limits(Thresholds.RTT_P99).gate()).isPositive();
        assertThat(h.resolve("logs")).doesNotExist();
    }

    @Test
    void aHomeThatIsNotADirectoryIsAUsageError() throws Exception
    {
        final Path missing = dir.resolve("no-such-home");
        for (final String cmd : new String[] {"gate", "ledger", "dashboard"})
        {
            final String[] extra = cmd.equals("ledger") ? new String[0] : new String[] {"--redis", redis().uri()};
            assertThat(run(args(cmd, "--home", missing, extra))).as(cmd).isEqualTo(2);
            assertThat(err.toString().trim()).as(cmd).hasLineCount(1)
                .contains("--home " + missing + " is not a directory");
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void theWorkingDirectoryDoesNotMatterOnlyStationHomeDoes() throws Exception
    {
        final Path h = home("envhome", GENEROUS);
        // A working directory with its own logs/ and config/, as the old relative defaults would have used.
        final Path cwd = home("cwd", IMPOSSIBLE);
        Files.createDirectories(cwd.resolve("logs"));
        Files.writeString(cwd.resolve("logs/gate-decisions.log"), "");
        final Map<String, String> env = Map.of(StationHome.ENV, h.toString());

        final StationProcess.Result gate = StationProcess.run(env, cwd, Duration.ofSeconds(120),
            args("gate", FAST, "--metrics-only", "--redis", redis().uri(), "--config",
                cwd.resolve("station.properties")));
        assertThat(gate.exit()).as(gate.out() + gate.err()).isZero();
        assertThat(GateLedger.read(h.resolve("logs/gate-decisions.log")).entries()).hasSize(1);
        assertThat(cwd.resolve("logs/gate-decisions.log")).isEmptyFile();

        final StationProcess.Result ledger = StationProcess.run(env, cwd, Duration.ofSeconds(60), "ledger", "--json");
        assertThat(ledger.exit()).as(ledger.err()).isZero();
        assertThat(JsonReader.parseObject(ledger.out().trim())).containsEntry("decisions", 1.0)
            .containsEntry("kpi_met", true);
    }
}
