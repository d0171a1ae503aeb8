package com.tradingstation.app;

import com.tradingstation.feed.capture.CaptureWriter;
import com.tradingstation.feed.live.LiveSession;
import com.tradingstation.feed.live.LiveSettings;
import com.tradingstation.feed.live.RecordingTap;
import com.tradingstation.feed.live.SymbolRef;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.json.JsonWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code station record}: the live connections of {@code station run --live}, writing every frame
 * and REST snapshot in the capture format {@code station replay} reads. The books run as in a
 * live run, so gaps fetch snapshots, and those are recorded too.
 */
@Command(
    name = "record",
    defaultValueProvider = ConfigDefaults.class,
    mixinStandardHelpOptions = true,
    description = {
        "Record the venues' streams and snapshots to gzip capture files (<receive ns> <json> per line) that",
        "station replay reads; files of one run form one session. Stops after --duration or on SIGINT/SIGTERM,",
        "closing the files cleanly.",
        "Exit: 0 done; 1 recorded, but a symbol never went LIVE or a write failed; 2 usage error; 3 venue " +
            "unavailable."})
final class RecordCommand implements java.util.concurrent.Callable<Integer>
{
    @CommandLine.Mixin
    private LiveOptions liveOptions = new LiveOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
        description = "Directory of the capture files.")
    private Path out;

    @Option(names = "--prefix", paramLabel = "NAME", defaultValue = "capture",
        description = "File name prefix (default ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--rotate-mb", paramLabel = "MB", defaultValue = "512",
        description = "New file after this many MB, uncompressed (0 = never; default ${DEFAULT-VALUE}).")
    private long rotateMb;

    @Option(names = "--rotate-minutes", paramLabel = "MIN", defaultValue = "60",
        description = "New file after this many minutes (0 = never; default ${DEFAULT-VALUE}).")
    private long rotateMinutes;

    @CommandLine.Mixin
    private ConfigOption config = new ConfigOption();

    @CommandLine.Mixin
    private Output output;

    @Override
    public Integer call() throws IOException
    {
        final Long duration = liveOptions.durationSeconds;
        if (rotateMb < 0 || rotateMinutes < 0 || (duration != null && duration <= 0))
        {
            throw new IllegalArgumentException("--rotate-mb and --rotate-minutes must be >= 0, --duration > 0");
        }
        final List<SymbolRef> symbols = liveOptions.symbols();
        final LiveSettings settings = liveOptions.settings(config.properties());
        final CaptureWriter writer = new CaptureWriter(out, prefix, rotateMb * 1024 * 1024,
            TimeUnit.MINUTES.toNanos(rotateMinutes));
        final LiveSession session = liveOptions.open(settings, symbols, new RecordingTap(writer));
        try (ShutdownSignal signal = ShutdownSignal.install("station-record-stop", 30, session::stop))
        {
            output.note(symbols.size() + " symbol(s) on " + session.feed().slots().size() + " connection(s) -> " + out);
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
            final String writeError = failure;
            output.print(() ->
            {
                final JsonWriter w = new JsonWriter().beginObject().field("lines", writer.lines())
                    .field("bytes", writer.bytes()).field("writeError", writeError).name("files").beginArray();
                writer.files().forEach(f -> w.value(f.toString()));
                return w.endArray().name("live").rawValue(session.toJson(result)).endObject();
            }, stdout ->
            {
                stdout.println("station record: " + writer.lines() + " lines, " + writer.bytes() + " bytes in " +
                    writer.files().size() + " file(s)" + (writeError == null ? "" : ", write error: " + writeError));
                writer.files().forEach(f -> stdout.println("  " + f));
                result.symbols().forEach(r -> stdout.println("  " + r.venue() + ":" + r.symbol() + " " + r.state() +
                    " u=" + r.lastUpdateId() + " gaps " + r.gapCount() + " resyncs " + r.resyncCount()));
            });
            return session.clean(result) && writeError == null ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
        }
    }
}
