package com.tradingstation.app;

import com.sun.net.httpserver.HttpServer;
import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.Thresholds;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpsCommandsTest extends RedisCommandTestBase
{
    private static final String[] FAST = {"--samples", "100", "--interval-us", "100"};
    @TempDir
    Path dir;

    private Path config(final String extra) throws IOException
    {
        return quietConfig(dir, extra);
    }

    private Path thresholds(final String name, final String text) throws IOException
    {
        final Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void monitorPrintsJsonWhoseP99AndOpsPerSecAreWhereTheOriginalReadThem() throws Exception
    {
        assertThat(run(args("monitor", "--json", FAST, "--redis", redis().uri(), "--config", config(""))))
            .as(err.toString()).isZero();
        final Map<String, Object> json = JsonReader.parseObject(out.toString().trim());
        assertThat((Double)JsonReader.at(json, "rtt.p99")).isPositive();
        assertThat((Double)JsonReader.at(json, "health.ops_per_sec")).isPositive();
        assertThat(JsonReader.at(json, "redis.address")).isEqualTo("127.0.0.1:" + redis().port());
        assertThat(run(args("monitor", FAST, "--redis", redis().uri(), "--config", config("")))).isZero();
        assertThat(out.toString()).contains("PING", "SET", "XADD", "ops/sec", "context switches");
    }

    @Test
    void monitorExitsOneWhenTheRequestedPinFails() throws Exception
    {
        assertThat(run(args("monitor", FAST, "--cpu", "4000", "--redis", redis().uri(), "--config", config(""))))
            .isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(err.toString()).contains("could not pin to CPU 4000");
    }

    private static String[] extra(final String cmd, final Path ledger)
    {
        return switch (cmd)
        {
            case "gate" -> new String[] {"--ledger", ledger.toString()};
            case "dashboard" -> new String[] {"--frames", "1"};  // off a terminal it needs a frame count
            default -> new String[0];
        };
    }

    @Test
    void everyCommandGivesOneLineAndExitThreeForAnUnreachableOrRefusingRedis() throws Exception
    {
        final String cfg = config("").toString();
        final Path ledger = dir.resolve("ledger.log");
        for (final String cmd : new String[] {"monitor", "gate", "health", "dashboard"})
        {
            final String[] extra = extra(cmd, ledger);
            assertThat(run(args(cmd, "--redis", "redis://127.0.0.1:1", "--config", cfg, extra))).as(cmd).isEqualTo(3);
            assertThat(err.toString().trim()).as(cmd).hasLineCount(1).contains("127.0.0.1:1")
            .doesNotContain("Exception");
        }
        try (ManagedRedis locked = ManagedRedis.builder().maxmemory("256mb").extraArgs("--requirepass", "s3cret")
            .start())
        {
            for (final String cmd : new String[] {"monitor", "gate", "health", "dashboard"})
            {
                final String[] extra = extra(cmd, ledger);
                assertThat(run(args(cmd, "--redis", "redis://:wrong@127.0.0.1:" + locked.port(), "--config", cfg,
                    extra)))
                    .as(cmd).isEqualTo(3);
                assertThat(err.toString().trim()).as(cmd).hasLineCount(1).contains("refused").doesNotContain("wrong");
            }
        }
        // A gate that could not measure is recorded as such, without the password it was given.
        final GateLedger.Contents c = GateLedger.read(ledger);
        assertThat(c.entries()).extracting(e -> e.get("verdict")).containsExactly("UNMEASURED", "UNMEASURED");
        assertThat(c.entries()).extracting(e -> e.get("failure")).containsExactly("UNREACHABLE", "AUTH_REFUSED");
        assertThat(Files.readString(ledger)).doesNotContain("wrong");
        // Nothing named anywhere: no fallback to a conventional port.
        assertThat(run("monitor", "--config", cfg)).isEqualTo(3);
        assertThat(err.toString().trim()).hasLineCount(1).contains("no Redis to use", "--redis");
    }

    @Test
    void theRedisComesFromTheConfigOrFromTheRunningStationsStatus() throws Exception
    {
        assertThat(run(args("monitor", "--json", FAST, "--config",
            config("station.redis.url=" + redis().uri() + "\n")))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"address\":\"127.0.0.1:" + redis().port() + "\"");

        // A station's /status, served the way `station run` serves it.
        final StationRuntime runtime = new StationRuntime(redis().endpoint(), 20, 100, 10_000, null, 0);
        final HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        http.createContext("/status", ex ->
        {
            final byte[] body = runtime.statusJson().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody())
            {
                os.write(body);
            }
        });
        http.start();
        try
        {
            final Path cfg = dir.resolve("running.properties");
            Files.writeString(cfg, "station.http.port=" + http.getAddress().getPort() + "\n");
            assertThat(run(args("monitor", "--json", FAST, "--config", cfg))).as(err.toString()).isZero();
            assertThat(out.toString()).contains("\"address\":\"127.0.0.1:" + redis().port() + "\"");
            // This runtime never started its sink, and health reads that from /status.
            assertThat(run("health", "--json", "--config", cfg.toString())).as(out.toString())
                .isEqualTo(StationMain.EXIT_PROBLEMS);
            final Map<String, Object> health = JsonReader.parseObject(out.toString().trim());
            assertThat(JsonReader.at(health, "station.running")).isEqualTo(true);
            assertThat(health.get("problems")).isEqualTo(List.of("station sink is not connected to Redis"));
            assertThat(JsonReader.at(health, "station.status.redis.url")).isEqualTo(redis().endpoint().toString());
        }
        finally
        {
            http.stop(0);
        }
    }

    @Test
    void gateExitCodesFollowTheVerdictAndEveryDecisionIsOneLedgerLine() throws Exception
    {
        final Path ledger = dir.resolve("logs/gate-decisions.log");
        final String cfg = config("").toString();
        final Path pass = thresholds("pass.env", GENEROUS);
        // ops/sec is soft when between 1,000 and 10,000,000 (99.99% tolerance under a 10M limit).
        final Path soft = thresholds("soft.env", GENEROUS.replace("OPS_EXCELLENT=1", "OPS_EXCELLENT=10000000")
            .replace("OPS_GATE=1", "OPS_GATE=10000000") + "SOFT_FAIL_TOLERANCE_PCT=99.99\n");
        final Path fail = thresholds("fail.env", GENEROUS.replaceAll("RTT_P99_(\\w+)=1000000", "RTT_P99_$1=0.01")
            + "SOFT_FAIL_TOLERANCE_PCT=0\n");

        assertThat(run(args("gate", FAST, "--redis", redis().uri(), "--config", cfg, "--ledger", ledger, "--thresholds",
            pass)))
            .as(out + " " + err).isEqualTo(0);
        assertThat(out.toString()).startsWith("gate: PASS").contains("appendonly");
        assertThat(run(args("gate", "--json", "--metrics-only", FAST, "--redis", redis().uri(), "--config", cfg,
            "--ledger", ledger,
            "--thresholds", soft))).as(out + " " + err).isEqualTo(1);
        final Map<String, Object> softJson = JsonReader.parseObject(out.toString().trim());
        assertThat(softJson).containsEntry("verdict", "SOFT_FAIL").containsEntry("checks", List.of());
        assertThat((List<?>)softJson.get("reasons")).singleElement().asString().startsWith("ops_per_sec")
            .contains("tolerance");
        assertThat(run(args("gate", "--json", FAST, "--redis", redis().uri(), "--config", cfg, "--ledger", ledger,
            "--thresholds", fail))).as(out + " " + err).isEqualTo(4);
        final Map<String, Object> failJson = JsonReader.parseObject(out.toString().trim());
        assertThat((List<?>)failJson.get("checks")).isNotEmpty();

        final GateLedger.Contents c = GateLedger.read(ledger);
        assertThat(c.badLines()).isEmpty();
        assertThat(c.entries()).extracting(e -> e.get("verdict")).containsExactly("PASS", "SOFT_FAIL", "FAIL");
        assertThat(c.entries()).allSatisfy(e ->
        {
            assertThat(e).containsKeys("time", "host", "redis", "thresholds_sha256", "metrics", "reasons", "decisions");
            assertThat(JsonReader.at(e, "metrics." + Thresholds.RTT_P99)).isInstanceOf(Double.class);
        });
        assertThat(c.entries().get(0).get("thresholds_sha256")).isEqualTo(Thresholds.load(pass).sha256());
        assertThat(c.entries().get(2).get("thresholds_source")).isEqualTo(fail.toString());

        assertThat(run("ledger", "--json", "--ledger", ledger.toString(), "--show-recent", "2"))
            .isEqualTo(StationMain.EXIT_PROBLEMS);
        final Map<String, Object> summary = JsonReader.parseObject(out.toString().trim());
        assertThat(summary).containsEntry("decisions", 3.0).containsEntry("pass", 1.0).containsEntry("kpi_met", false);
        assertThat((List<?>)summary.get("recent")).hasSize(2);
        assertThat(run("ledger", "--ledger", ledger.toString())).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("pass rate 33.3%", "MISSED");
    }

    @Test
    void usageErrorsAreTwoForTheGateAsForEveryOtherCommand() throws Exception
    {
        assertThat(run("gate", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "--no-such-option");
        assertThat(run("gate", "--samples", "many")).isEqualTo(2);
        final Path bad = thresholds("bad.env", "RTT_P99_GATE=12\n");
        assertThat(run("gate", "--thresholds", bad.toString(), "--redis", redis().uri(), "--config",
            config("").toString()))
            .isEqualTo(2);
        assertThat(err.toString().trim()).hasLineCount(1).contains("unknown key 'RTT_P99_GATE'");
        assertThat(run("gate", "--thresholds", dir.resolve("missing.env").toString(), "--redis", redis().uri()))
            .isEqualTo(2);
        assertThat(run("gate", "--calibrate", "--runs", "0", "--redis", redis().uri())).isEqualTo(2);
        // The same code as every other command.
        assertThat(run("monitor", "--no-such-option")).isEqualTo(2);
        assertThat(run("ledger", "--window", "soon")).isEqualTo(2);
        assertThat(run("health", "--no-such-option")).isEqualTo(2);
        assertThat(run("dashboard", "--frames", "-1")).isEqualTo(2);
        assertThat(GateCommand.EXIT_USAGE).isEqualTo(StationMain.EXIT_USAGE);
    }

    @Test
    void theGatesHelpStatesItsExitCodes()
    {
        assertThat(run("gate", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
            .contains("Exit: 0 PASS; 1 SOFT_FAIL; 2 usage error; 3 could not measure (or record); 4 FAIL.");
    }

    @Test
    void calibrateWritesThresholdsTheGateCanLoad() throws Exception
    {
        final Path proposed = dir.resolve("config/perf-thresholds.proposed.env");
        assertThat(run(args("gate", "--calibrate", "--runs", "2", FAST, "--redis", redis().uri(), "--config",
            config(""), "--output", proposed))).as(err.toString()).isZero();
        final Thresholds t = Thresholds.load(proposed);
        assertThat(Files.readString(proposed))
            .contains("2 runs of 100 samples", "margin 25%", "observed rtt_p99_us per run:");
        assertThat(t.limits(Thresholds.RTT_P99).gate()).isPositive();
        assertThat(t.limits(Thresholds.OPS).gate()).isPositive();
        assertThat(err.toString()).contains("run 1/2", "run 2/2");
    }

    @Test
    void healthIsZeroOnAnIdleRedisAndJsonSaysUnreachableOtherwise() throws Exception
    {
        final String cfg = config("").toString();
        // Idle: whatever the other tests' load made the latency monitor record is forgotten.
        try (Jedis j = RedisConnector.connect(redis().endpoint()))
        {
            j.sendCommand(Protocol.Command.LATENCY, "RESET");
        }
        assertThat(run("health", "--redis", redis().uri(), "--config", cfg)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("reachable", "healthy", "station: not running");
        assertThat(run("health", "--json", "--redis", "redis://127.0.0.1:1", "--config", cfg)).isEqualTo(3);
        assertThat(JsonReader.parseObject(out.toString().trim())).containsEntry("reachable", false)
            .containsEntry("failure", "UNREACHABLE");
    }

    @Test
    void dashboardOffATerminalPrintsPlainFramesAndStops() throws Exception
    {
        assertThat(run("dashboard", "--frames", "2", "--samples", "50", "--interval-us", "100", "--refresh-ms", "100",
            "--redis", redis().uri(), "--config", config("").toString())).as(err.toString()).isZero();
        final String frames = out.toString();
        assertThat(frames).doesNotContain("\u001b");
        assertThat(frames.split("P99 RTT", -1)).hasSize(3);
        assertThat(frames).contains("ops/sec", "memory", "jitter");
    }
}
