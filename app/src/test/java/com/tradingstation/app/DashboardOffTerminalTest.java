package com.tradingstation.app;

import com.tradingstation.redis.ManagedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Without a terminal nothing can press q, so the dashboard needs --frames there and ends after them. */
class DashboardOffTerminalTest extends CommandTestBase
{
    @RegisterExtension
    static final ClassRedis REDIS = new ClassRedis("64mb");

    @TempDir
    Path dir;

    private String config() throws Exception
    {
        final Path f = dir.resolve("station.properties");
        Files.writeString(f, "station.http.port=-1\n");
        return f.toString();
    }

    @Test
    void withoutATerminalAndWithoutFramesItRefusesInsteadOfRunningForever() throws Exception
    {
        final String cfg = config();
        final String url = REDIS.get().uri();
        // The test JVM's output is not a terminal. Before the rule this call never returned.
        final int exit = assertTimeoutPreemptively(Duration.ofSeconds(30),
            () -> run("dashboard", "--samples", "20", "--interval-us", "100", "--redis", url, "--config", cfg));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().trim()).hasLineCount(1)
            .isEqualTo("station dashboard: output is not a terminal, so q cannot quit the dashboard: give --frames N");
        assertThat(out.toString()).isEmpty();

        // The same as its own process, stdin and stdout pipes, as under cron or `| tee`.
        final StationProcess.Result child = StationProcess.run(Map.of(), dir, Duration.ofSeconds(60),
            "dashboard", "--samples", "20", "--interval-us", "100", "--redis", url, "--config", cfg);
        assertThat(child.exit()).as("killed at the deadline means it ran on").isEqualTo(2);
        assertThat(child.err().trim()).hasLineCount(1).contains("not a terminal", "--frames N");
        assertThat(child.out()).isEmpty();
    }

    @Test
    void withFramesItEndsAndNeverOffersAKeyNobodyCanPress() throws Exception
    {
        assertThat(run("dashboard", "--frames", "2", "--samples", "20", "--interval-us", "100", "--refresh-ms", "100",
            "--redis", REDIS.get().uri(), "--config", config())).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("q quits").doesNotContain("\u001b")
            .contains("frame 1 of 2\n", "frame 2 of 2\n");
        assertThat(out.toString().split("P99 RTT", -1)).hasSize(3);

        // An unreachable Redis mid-run is retried in the frame, with the same footer.
        try (ManagedRedis brief = ManagedRedis.builder().maxmemory("64mb").start())
        {
            final String uri = brief.uri();
            brief.close();
            assertThat(run("dashboard", "--frames", "1", "--redis", uri, "--config", config())).isEqualTo(3);
        }
    }
}
