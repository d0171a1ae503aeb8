package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AllocLabCommandTest extends CommandTestBase
{
    private static final Pattern SERVER_PID = Pattern.compile("redis-server pid (\\d+)");

    @TempDir
    Path dir;

    private Path variants(final String text) throws IOException
    {
        final Path f = dir.resolve("variants-" + System.nanoTime() + ".txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void helpNamesTheOptionsAndTheExitCodes()
    {
        assertThat(run("alloc-lab", "--help")).isZero();
        assertThat(out.toString()).contains("--keys", "--rounds", "--variants", "--baseline", "--measure",
            "--churn-rate", "--malloc-env", "--redis-server", "--embedded", "--out", "--json",
            "Exit: 0 the lab ran to its end");
    }

    @Test
    void aTinyLabWritesItsJsonAndHtmlReportsInTheRunDirectory() throws IOException
    {
        final Path out = dir.resolve("lab");
        final int exit = run("alloc-lab", "--embedded", "--keys", "1000", "--rounds", "2", "--measure", "2s",
            "--churn-rate", "1000", "--probe-interval-us", "500", "--out", out.toString(), "--json",
            "--variants", variants("A=\nE=narenas:1 # one arena\n").toString());
        assertThat(exit).as(err.toString()).isZero();
        final Map<String, Object> json = JsonReader.parseObject(this.out.toString().strip());
        assertThat(json.get("schema")).isEqualTo("station.alloc-lab/1");
        assertThat(Files.readString(out.resolve("report.json"))).contains("station.alloc-lab/1", "JE_MALLOC_CONF");
        assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,", "narenas");
        assertThat(out.resolve("servers")).doesNotExist();
        assertThat(err.toString()).contains("options in JE_MALLOC_CONF", "variant E [narenas:1]: options in force");
    }

    @Test
    void aVariantWhoseOptionsDoNotTakeIsAUsageErrorAndNothingIsMeasured() throws IOException
    {
        final Path out = dir.resolve("refused");
        final int exit = run("alloc-lab", "--embedded", "--keys", "1000", "--rounds", "1", "--measure", "2s",
            "--out", out.toString(), "--variants", variants("A=\ntypo=dirty_decay_msec:3000\n").toString());
        assertThat(exit).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("typo: ", "dirty_decay_msec").doesNotContain("Exception", "\tat ");
        assertThat(out.resolve("report.json")).doesNotExist();
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() throws IOException
    {
        assertThat(run("alloc-lab", "--malloc-env", "MALLOC_OPTS", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("MALLOC_CONF or JE_MALLOC_CONF");
        assertThat(run("alloc-lab", "--variants", variants("only=\n").toString(), "--out", dir.toString()))
            .isEqualTo(2);
        assertThat(run("alloc-lab", "--baseline", "Z", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("baseline Z is not one of the variants");
    }

    @Test
    void anInterruptStopsTheServerAndRemovesItsFiles() throws IOException, InterruptedException
    {
        final Path out = dir.resolve("interrupted");
        try (StationProcess.Running lab = StationProcess.start(Map.of(), dir, "alloc-lab", "--embedded", "--keys",
            "1000", "--rounds", "1", "--measure", "120s", "--out", out.toString()))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Matcher m = SERVER_PID.matcher(lab.err());
            boolean found = m.find();
            while (!found && System.nanoTime() < deadline && lab.process().isAlive())
            {
                lab.process().waitFor(50, TimeUnit.MILLISECONDS);
                m = SERVER_PID.matcher(lab.err());
                found = m.find();
            }
            assertThat(found).as("lab output: " + lab.err()).isTrue();
            final long pid = Long.parseLong(m.group(1));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            new ProcessBuilder("kill", "-INT", Long.toString(lab.process().pid())).start().waitFor();
            assertThat(lab.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            final ProcessHandle server = ProcessHandle.of(pid).orElse(null);
            if (server != null)
            {
                server.onExit().orTimeout(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS).join();
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Stream<Path> left = Files.exists(out.resolve("servers")) ? Files.list(out.resolve("servers"))
                : Stream.empty())
            {
                assertThat(left.toList()).isEmpty();
            }
            assertThat(out.resolve("report.json")).doesNotExist();
        }
    }
}
