package com.tradingstation.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code station run --udp...} and {@code station udp-monitor} in one JVM, on unicast loopback
 * channels: the monitor hears every packet with no gaps and rebuilds every book.
 */
class UdpMonitorCommandTest
{
    @TempDir
    Path dir;

    private static int execute(final StringWriter out, final Writer err, final String... args)
    {
        final CommandLine cl = StationMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Collects text and opens a latch when a marker appears. */
    private static final class Writer extends StringWriter
    {
        final CountDownLatch seen = new CountDownLatch(1);
        private final String marker;

        Writer(final String marker)
        {
            this.marker = marker;
        }

        @Override
        public void flush()
        {
            if (toString().contains(marker))
            {
                seen.countDown();
            }
        }
    }

    private static int[] freePorts() throws IOException
    {
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open())
        {
            a.bind(new InetSocketAddress("127.0.0.1", 0));
            b.bind(new InetSocketAddress("127.0.0.1", 0));
            return new int[] {
                ((InetSocketAddress)a.getLocalAddress()).getPort(), ((InetSocketAddress)b.getLocalAddress()).getPort()};
        }
    }

    /** A synthetic session of five symbols, two free channels and a config serving no HTTP. */
    private record Channels(Path session, String inc, String snap, Path config)
    {
    }

    private Channels channels(final int seconds) throws IOException
    {
        final Path session = dir.resolve("s.jsonl");
        assertThat(execute(new StringWriter(), new Writer("-"), "synth", "--symbols", "5", "--duration",
            String.valueOf(seconds), "-o", session.toString())).isZero();
        final int[] ports = freePorts();
        final Path config = Files.writeString(dir.resolve("station.properties"),
            "station.redis.maxmemory=256mb\nstation.http.port=-1\nstation.udp.snapshotsPerSecond=50\n");
        return new Channels(session, "127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], config);
    }

    @Test
    void monitorHearsTheRunWithoutGapsAndRebuildsEveryBook() throws Exception
    {
        final Channels c = channels(20);

        final StringWriter monitorOut = new StringWriter();
        final Writer monitorErr = new Writer("listening on");
        final AtomicInteger monitorExit = new AtomicInteger(-1);
        final Thread monitor = new Thread(() -> monitorExit.set(execute(monitorOut, monitorErr,
            "udp-monitor", "--config", c.config().toString(), "--incremental", c.inc(), "--snapshot", c.snap(),
            "--duration", "8", "--interval-ms", "500")));
        monitor.start();
        assertThat(monitorErr.seen.await(30, TimeUnit.SECONDS)).as(monitorErr.toString()).isTrue();

        final StringWriter runOut = new StringWriter();
        final Writer runErr = new Writer("-");
        // 1,000 lines at 500 a second: two seconds, long enough for a snapshot of every book.
        assertThat(execute(runOut, runErr, "run", "--config", c.config().toString(), "--udp-incremental", c.inc(),
            "--udp-snapshot", c.snap(), "--rate", "500", c.session().toString())).as(runErr.toString()).isZero();
        assertThat(runErr.toString()).contains("udp incremental " + c.inc());
        monitor.join(60_000);

        assertThat(monitorExit.get()).as(monitorOut + "\n" + monitorErr).isZero();
        final String report = monitorOut.toString();
        assertThat(report).contains("udp-monitor final:", "gaps 0, lost packets 0", "recovered 5", "(mismatches 0)");
        assertThat(report.lines().filter(l -> l.contains("binance-spot") && l.contains(" live ")).count()).isEqualTo(5);
        // The monitor heard every incremental packet the station sent.
        final String sent = runOut.toString().replaceAll("(?s).*\"incrementalPackets\":(\\d+).*", "$1");
        assertThat(report).contains(String.format(java.util.Locale.ROOT, "(%,d incremental", Long.parseLong(sent)));
    }

    @Test
    void lossPctDropsIncrementalDatagramsAndTheReportShowsRecovery() throws Exception
    {
        final Channels c = channels(40);

        // The monitor is listening once its first interval line is out.
        final Writer monitorOut = new Writer("\"final\":false");
        final Writer monitorErr = new Writer("-");
        final AtomicInteger monitorExit = new AtomicInteger(-1);
        final Thread monitor = new Thread(() -> monitorExit.set(execute(monitorOut, monitorErr,
            "udp-monitor", "--config", c.config().toString(), "--incremental", c.inc(), "--snapshot", c.snap(),
            "--json",
            "--duration", "10", "--interval-ms", "200", "--loss-pct", "5", "--seed", "3", "--loss-duration", "2")));
        monitor.start();
        assertThat(monitorOut.seen.await(30, TimeUnit.SECONDS)).as(monitorErr.toString()).isTrue();

        // About 3,700 lines at 800 a second: loss for the first 2 s, then 2.5 s to recover in.
        final Writer runErr = new Writer("-");
        assertThat(execute(new StringWriter(), runErr, "run", "--config", c.config().toString(), "--udp-incremental",
            c.inc(),
            "--udp-snapshot", c.snap(), "--rate", "800", c.session().toString())).as(runErr.toString()).isZero();
        monitor.join(60_000);

        final String report = monitorOut.toString().lines().filter(l -> l.contains("\"final\":true")).findFirst()
            .orElseThrow();
        // Every hole is one the monitor punched itself, so it is not a network problem: exit 0.
        assertThat(monitorExit.get()).as(monitorOut + "\n" + monitorErr).isZero();
        final long dropped = number(report, "droppedIncremental");
        final long lost = number(report, "lostPackets");
        assertThat(dropped).isPositive();
        assertThat(lost).isPositive().isLessThanOrEqualTo(dropped);
        assertThat(report).contains("\"lossPct\":5.0", "\"seed\":3", "\"topMismatches\":0");
        assertThat(report).containsPattern("\"allLiveMsAfterLoss\":\\d+");
        // Holes are found per instrument: fewer stale books than "every gap stales all five".
        assertThat(number(report, "instrumentGaps")).isPositive().isLessThan(5 * number(report, "gaps"));
        // Each of the five instruments was sampled, lost messages, was recovered, and is live at the end.
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
            "\\{\"symbol\":\"[^\"]+\",\"venue\":\"binance-spot\",\"stale\":false,[^}]*\"gaps\":(\\d+),[^}]*" +
                "\"recoveries\":(\\d+),\"liveSamples\":(\\d+),\"staleSamples\":(\\d+)")
            .matcher(report);
        int instruments = 0;
        while (m.find())
        {
            instruments++;
            // A hole in its bookSeq made it stale and a snapshot recovered it: the first sync plus at most
            // one recovery per hole (a replay that meets another hole needs a later snapshot).
            final long gapCount = Long.parseLong(m.group(1));
            assertThat(gapCount).isPositive();
            assertThat(Long.parseLong(m.group(2))).isBetween(2L, gapCount + 1);
            assertThat(Long.parseLong(m.group(3)) + Long.parseLong(m.group(4))).isPositive();
        }
        assertThat(instruments).as(report).isEqualTo(5);
    }

    @Test
    void lossOptionsOutOfRangeAreUsageErrors()
    {
        final Writer err = new Writer("-");
        assertThat(execute(new StringWriter(), err, "udp-monitor", "--loss-pct", "150"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--loss-pct must be 0..100").doesNotContain("\tat ");
        final Writer err2 = new Writer("-");
        assertThat(execute(new StringWriter(), err2, "udp-monitor", "--loss-duration", "5"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err2.toString()).contains("--loss-duration must be > 0 and needs --loss-pct > 0");
        final Writer err3 = new Writer("-");
        assertThat(execute(new StringWriter(), err3, "udp-monitor", "--loss-pct", "x"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err3.toString()).contains("--loss-pct");
    }

    private static long number(final String json, final String field)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void silenceIsExitOneAndBadAddressesAreUsageErrors() throws Exception
    {
        final int[] ports = freePorts();
        final StringWriter out = new StringWriter();
        final Writer err = new Writer("-");
        assertThat(execute(out, err, "udp-monitor", "--incremental", "127.0.0.1:" + ports[0], "--snapshot",
            "127.0.0.1:" + ports[1], "--duration", "0.3", "--json")).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("\"final\":true", "\"gaps\":0", "\"incrementalPackets\":0");
        assertThat(err.toString()).contains("no packets on 127.0.0.1:" + ports[0]);

        final Writer err2 = new Writer("-");
        assertThat(execute(new StringWriter(), err2, "udp-monitor", "--incremental", "nowhere"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err2.toString()).contains("expected HOST:PORT").doesNotContain("\tat ");

        final Path bad = Files.writeString(dir.resolve("bad.properties"), "station.udp.incremental=239.1.1.1:99999\n");
        final Writer err3 = new Writer("-");
        assertThat(execute(new StringWriter(), err3, "run", "--config", bad.toString(), "x.jsonl"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err3.toString()).contains("station.udp: port must be 1..65535");
    }
}
