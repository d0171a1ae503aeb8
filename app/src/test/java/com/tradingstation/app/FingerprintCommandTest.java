package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.ops.GateLedger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code station fingerprint}, its diffs, and the gate recording the fingerprint of every run. */
class FingerprintCommandTest extends RedisCommandTestBase
{
    private static final String[] FAST = {"--metrics-only", "--samples", "100", "--interval-us", "100", "--cpu", "-1"};

    @TempDir
    Path dir;

    /** A station config that names no Redis and serves no /status, so nothing is found by accident. */
    private Path config() throws IOException
    {
        final Path f = dir.resolve("station.properties");
        Files.writeString(f, "station.http.port=-1\n");
        return f;
    }

    /** A /proc and /sys tree of two CPUs with the given governor on CPU 1. */
    private Path tree(final String governorCpu1) throws IOException
    {
        final Path root = dir.resolve("root");
        write(root, "proc/sys/kernel/osrelease", "6.8.0-45-generic");
        write(root, "proc/cmdline", "ro quiet isolcpus=1 nohz_full=1");
        write(root, "sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance");
        write(root, "sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", governorCpu1);
        return root;
    }

    private static void write(final Path root, final String relative, final String line) throws IOException
    {
        Files.createDirectories(root.resolve(relative).getParent());
        Files.writeString(root.resolve(relative), line + "\n");
    }

    @Test
    void theFingerprintHasAStableHashAndRedisItemsWhenGivenARedis() throws Exception
    {
        assertThat(run("fingerprint", "--json", "--redis", redis().uri(), "--config", config().toString()))
            .as(err.toString()).isZero();
        final Map<String, Object> first = JsonReader.parseObject(out.toString().trim());
        assertThat(first.get("sha256")).asString().matches("[0-9a-f]{64}");
        assertThat(JsonReader.at(first, "items")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("redis.config.hz", "8").containsKey("kernel.release").containsKey("jvm.flags");
        assertThat(run("fingerprint", "--json", "--redis", redis().uri(), "--config", config().toString())).isZero();
        assertThat(JsonReader.parseObject(out.toString().trim())).containsEntry("sha256", first.get("sha256"));

        assertThat(run("fingerprint", "--redis", redis().uri(), "--config", config().toString())).isZero();
        assertThat(out.toString()).startsWith("fingerprint " + first.get("sha256")).contains("redis.version");
    }

    @Test
    void withoutARedisTheFingerprintStillSucceeds() throws Exception
    {
        assertThat(run("fingerprint", "--json", "--config", config().toString())).as(err.toString()).isZero();
        final Map<String, Object> json = JsonReader.parseObject(out.toString().trim());
        assertThat(JsonReader.at(json, "items")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("redis.version", "unavailable");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aDiffRanksAGovernorChangeFirstAndExitsOne() throws Exception
    {
        final Path root = tree("performance");
        final String[] common = {"--root", root.toString(), "--config", config().toString()};
        assertThat(run(args("fingerprint", "--json", common))).isZero();
        final Path base = dir.resolve("base.json");
        Files.writeString(base, out.toString());

        assertThat(run(args("fingerprint", "--diff", base.toString(), common))).isZero();
        assertThat(out.toString()).contains("no drift");

        tree("powersave");
        write(root, "proc/sys/kernel/osrelease", "6.8.0-49-generic");
        assertThat(run(args("fingerprint", "--diff", base.toString(), common))).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("2 items drifted");
        assertThat(out.toString().indexOf("cpu.governor")).isPositive()
            .isLessThan(out.toString().indexOf("kernel.release"));
        assertThat(run(args("fingerprint", "--json", "--diff", base.toString(), common)))
            .isEqualTo(StationMain.EXIT_PROBLEMS);
        final Map<String, Object> json = JsonReader.parseObject(out.toString().trim());
        assertThat(json).containsEntry("drifted", true).containsEntry("count", 2.0);
        assertThat((List<?>)json.get("items")).first().asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("key", "cpu.governor").containsEntry("weight", "high")
            .containsEntry("current", "performance:0 powersave:1");
    }

    @Test
    void aMissingOrUnparseableBaseIsAUsageErrorOfOneLine() throws Exception
    {
        final Path missing = dir.resolve("missing.json");
        assertThat(run("fingerprint", "--diff", missing.toString(), "--config", config().toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).startsWith("station fingerprint: ")
            .contains("missing.json: no such file");
        final Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema\":\"station.fingerprint/1\",");
        assertThat(run("fingerprint", "--diff", bad.toString(), "--config", config().toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).startsWith("station fingerprint: " + bad);
        assertThat(run("fingerprint", "--diff-last-pass", "--home", dir.toString(), "--config", config().toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("no fingerprint saved by a gate PASS yet");
        assertThat(run("fingerprint", "--diff-last-pass", "--diff", bad.toString(), "--home", dir.toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("not both");
    }

    @Test
    void theGateRecordsTheHashInEveryLineAndSaysWhenItChangedSinceTheLastPass() throws Exception
    {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/perf-thresholds.env"), GENEROUS);
        final Path ledger = dir.resolve(StationHome.LEDGER);
        // A PASS written before the gate took fingerprints: still read, compared with nothing.
        final String before = Instant.now().minusSeconds(3600).toString();
        GateLedger.append(ledger, "{\"schema\":\"station.gate/1\",\"time\":\"" + before + "\","
            + "\"verdict\":\"PASS\",\"metrics\":{},\"reasons\":[],\"decisions\":[],\"checks\":[]}");
        final Path root = tree("performance");
        final String[] gate = args("gate", FAST, "--home", dir.toString(), "--redis", redis().uri(), "--config",
            config().toString(), "--fingerprint-root", root.toString());

        assertThat(run(gate)).as(out + " " + err).isZero();
        assertThat(out.toString()).contains("the last PASS, at " + before + ", recorded no fingerprint");
        final Path saved = dir.resolve(StationHome.LAST_PASS_FINGERPRINT);
        assertThat(saved).exists();
        final Map<String, Object> savedJson = JsonReader.parseObject(Files.readString(saved));

        tree("powersave");
        assertThat(run(args(gate, "--json"))).as(out + " " + err).isZero();
        final Map<String, Object> second = JsonReader.parseObject(out.toString().trim());
        assertThat(JsonReader.at(second, "fingerprint_last_pass.changed")).isEqualTo(true);
        assertThat(JsonReader.at(second, "fingerprint_last_pass.sha256")).isEqualTo(savedJson.get("sha256"));

        final List<Map<String, Object>> lines = GateLedger.read(ledger).entries();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).doesNotContainKey("fingerprint_sha256");
        assertThat(lines.get(1).get("fingerprint_sha256")).isEqualTo(savedJson.get("sha256"));
        assertThat(lines.get(2).get("fingerprint_sha256")).asString().matches("[0-9a-f]{64}")
            .isNotEqualTo(lines.get(1).get("fingerprint_sha256"));
        assertThat(lines.get(2)).isEqualTo(second);

        // The second PASS saved its own fingerprint; a third run on the first tree reports the change in text.
        tree("performance");
        assertThat(run(gate)).isZero();
        assertThat(out.toString()).contains("CHANGED   fingerprint changed since last PASS at "
            + second.get("time") + ": run `station fingerprint --diff-last-pass`");

        // Since that third PASS nothing changed; then the governor drifts again.
        final String[] diff = {"fingerprint", "--diff-last-pass", "--home", dir.toString(), "--redis", redis().uri(),
            "--config", config().toString(), "--root", root.toString()};
        assertThat(run(diff)).as(out + " " + err).isZero();
        tree("powersave");
        assertThat(run(diff)).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("1 item drifted", "cpu.governor");

        // A gate writing a ledger of its own leaves the home's saved fingerprint (that of the home's last PASS).
        final String kept = Files.readString(saved);
        assertThat(run(args(gate, "--ledger", dir.resolve("other.log").toString()))).isZero();
        assertThat(Files.readString(saved)).isEqualTo(kept);
        assertThat(run("ledger", "--json", "--home", dir.toString())).isZero();
        assertThat(JsonReader.parseObject(out.toString().trim())).containsEntry("pass", 4.0);
    }
}
