package com.tradingstation.app;

import com.tradingstation.feed.capture.CaptureWriter;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.feed.live.RecordingTap;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.LiveSettings;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code station record}: the live connections of {@code station run --live}, writing every frame
 * and REST snapshot in the capture format {@code station replay} reads. The books run as in a
 * live run, so gaps fetch snapshots, and those are recorded too.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
        "Record the venues' streams and snapshots to gzip capture files (<receive ns> <json> per line) that",
        "station replay reads; files of one run form one session. Stops after --duration or on SIGINT/SIGTERM,",
        "closing the files cleanly.",
        "Exit: 0 done; 1 recorded, but a symbol never went LIVE or a write failed; 2 usage error; 3 venue unavailable."})
final class RecordCommand implements java.util.concurrent.Callable<Integer>
{
    @CommandLine.Mixin
    private LiveOptions liveOptions = new LiveOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Directory of the capture files.")
    private Path out;

    @Option(names = "--prefix", paramLabel = "NAME", defaultValue = "capture", description = "File name prefix (default ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--rotate-mb", paramLabel = "MB", defaultValue = "512", description = "New file after this many MB, uncompressed (0 = never; default ${DEFAULT-VALUE}).")
    private long rotateMb;

    @Option(names = "--rotate-minutes", paramLabel = "MIN", defaultValue = "60", description = "New file after this many minutes (0 = never; default ${DEFAULT-VALUE}).")
    private long rotateMinutes;

    @Option(names = "--duration", paramLabel = "S", description = "Stop after S seconds (default: until SIGINT/SIGTERM).")
    private Long durationSeconds;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (station.live.* keys).")
    private Path config;

    @Option(names = "--json", description = "Print the final report as one JSON object.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<SymbolRef> symbols;
        final LiveSettings settings;
        try
        {
            if (rotateMb < 0 || rotateMinutes < 0 || (durationSeconds != null && durationSeconds <= 0))
            {
                throw new IllegalArgumentException("--rotate-mb and --rotate-minutes must be >= 0, --duration > 0");
            }
            symbols = liveOptions.symbols(config);
            settings = liveOptions.settings(config);
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            err.println("station record: " + StationMain.oneLine(ex));
            return StationMain.EXIT_USAGE;
        }
        final CaptureWriter writer = new CaptureWriter(out, prefix, rotateMb * 1024 * 1024,
            TimeUnit.MINUTES.toNanos(rotateMinutes));
        final LiveSession session;
        try
        {
            session = LiveSession.open(settings, symbols, 0,
                durationSeconds == null ? 0 : TimeUnit.SECONDS.toMillis(durationSeconds), new RecordingTap(writer));
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("station record: " + StationMain.oneLine(ex));
            return StationMain.EXIT_USAGE;
        }
        catch (final IOException ex)
        {
            err.println("station record: venue unavailable: " + StationMain.oneLine(ex));
            return StationMain.EXIT_UNAVAILABLE;
        }
        final CountDownLatch done = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            session.stop();
            try
            {
                done.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignored)
            {
                Thread.currentThread().interrupt();
            }
        }, "station-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("station record: " + symbols.size() + " symbol(s) on " + session.feed().slots().size() +
            " connection(s) -> " + out);
        err.flush();
        try
        {
            final PipelineResult result = session.pipeline().run(session);
            String failure = null;
            try
            {
                writer.close(); // the receive thread has stopped: no more writes
            }
            catch (final IOException ex)
            {
                failure = StationMain.oneLine(ex);
            }
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // a signal arrived: the hook is running
            }
            final boolean clean = session.clean(result) && failure == null;
            if (json)
            {
                final JsonWriter w = new JsonWriter().beginObject().field("lines", writer.lines())
                    .field("bytes", writer.bytes()).field("writeError", failure).name("files").beginArray();
                writer.files().forEach(f -> w.value(f.toString()));
                w.endArray().name("live").rawValue(session.toJson(result)).endObject();
                stdout.println(w);
            }
            else
            {
                stdout.println("station record: " + writer.lines() + " lines, " + writer.bytes() + " bytes in " +
                    writer.files().size() + " file(s)" + (failure == null ? "" : ", write error: " + failure));
                writer.files().forEach(f -> stdout.println("  " + f));
                result.symbols().forEach(r -> stdout.println("  " + r.venue() + ":" + r.symbol() + " " + r.state() +
                    " u=" + r.lastUpdateId() + " gaps " + r.gaps() + " resyncs " + r.resyncs()));
            }
            stdout.flush();
            return clean ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
        }
        finally
        {
            done.countDown();
        }
    }
}
