package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.StateBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station backup}: a dated zip of the station home's state ({@link StateBackup}) in
 * HOME/backups, then the archives older than the retention are deleted; {@code --list} shows the
 * archives, {@code --verify FILE} reads one whole and checks every entry's CRC.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
        "Archive the station state to a dated zip and delete archives older than the retention.",
        "The archive is DEST/station-state-<yyyyMMdd-HHmmss>Z.zip: the ledger and rotated ledgers,",
        "config/*.env and state/**.",
        "Exit: 0 done (--verify: sound); 1 --verify found damage; 2 usage error;",
        "3 could not write or read."})
final class BackupCommand implements Callable<Integer>
{
    @Option(names = "--dest", paramLabel = "DIR", description = "Backup directory (default HOME/backups).")
    private Path dest;

    @Option(names = "--retention-days", paramLabel = "N", defaultValue = "" + StateBackup.DEFAULT_RETENTION_DAYS,
        description = "Delete archives whose name is older than N days (default ${DEFAULT-VALUE}).")
    private int retentionDays;

    @Option(names = "--list", description = "List the archives instead of writing one.")
    private boolean list;

    @Option(names = "--verify", paramLabel = "FILE", description = "Check an archive instead of writing one.")
    private Path verify;

    @Mixin
    private StationHome home;

    @Mixin
    private Output output;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException
    {
        if (list && verify != null)
        {
            throw new IllegalArgumentException("--list and --verify exclude each other");
        }
        if (retentionDays < 1)
        {
            throw new IllegalArgumentException("--retention-days must be >= 1, got " + retentionDays);
        }
        if (verify != null)
        {
            return verify();
        }
        final Path dir = dest != null ? dest : home.require(StationHome.BACKUPS, "backups");
        return list ? list(dir) : backup(dir);
    }

    private int backup(final Path dir) throws IOException
    {
        final Path root = home.require(Path.of(""), "state to back up");
        final StateBackup.Written w = StateBackup.create(root, dir, clock);
        final List<StateBackup.Archive> deleted = StateBackup.prune(dir, retentionDays, clock);
        output.print(() ->
        {
            final JsonWriter j = new JsonWriter().beginObject().field("schema", "station.backup/1")
                .field("home", root.toString()).field("archive", w.archive().toString()).field("bytes", w.bytes())
                .field("retention_days", retentionDays);
            strings(j, "entries", w.entries());
            strings(j, "skipped", w.skipped());
            strings(j, "deleted", deleted.stream().map(a -> a.file().toString()).toList());
            return j.endObject();
        }, out ->
        {
            out.printf(Locale.ROOT, "backup %s: %d file(s), %,d bytes%n", w.archive(), w.entries().size(), w.bytes());
            w.entries().forEach(e -> out.println("  " + e));
            w.skipped().forEach(s -> out.println("  skipped " + s));
            deleted.forEach(a -> out.println("deleted " + a.file() + " (older than " + retentionDays + " days)"));
        });
        return StationMain.EXIT_OK;
    }

    private int list(final Path dir) throws IOException
    {
        final List<StateBackup.Archive> archives = StateBackup.list(dir);
        output.print(() ->
        {
            final JsonWriter j = new JsonWriter().beginObject().field("schema", "station.backup-list/1")
                .field("dest", dir.toString()).name("archives").beginArray();
            for (final StateBackup.Archive a : archives)
            {
                j.beginObject().field("file", a.file().toString()).field("time", a.time().toString())
                    .field("bytes", a.bytes()).field("age_days", ageDays(a)).endObject();
            }
            return j.endArray().endObject();
        }, out ->
        {
            out.println(archives.size() + " archive(s) in " + dir);
            archives.forEach(a -> out.printf(Locale.ROOT, "  %s  %,12d bytes  %s  %d day(s) old%n",
                a.file().getFileName(), a.bytes(), a.time(), ageDays(a)));
        });
        return StationMain.EXIT_OK;
    }

    private long ageDays(final StateBackup.Archive a)
    {
        return Duration.between(a.time(), clock.instant()).toDays();
    }

    private int verify()
    {
        final StateBackup.Verified v;
        try
        {
            v = StateBackup.verify(verify);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("--verify " + verify + ": no such file");
        }
        output.print(() ->
        {
            final JsonWriter j = new JsonWriter().beginObject().field("schema", "station.backup-verify/1")
                .field("archive", verify.toString()).field("entries", v.entries()).field("ok", v.ok());
            strings(j, "damaged", v.damaged());
            return j.endObject();
        }, out ->
        {
            out.println(verify + ": " + (v.ok() ? "sound, " + v.entries() + " entries, every CRC matches" :
                "DAMAGED"));
            v.damaged().forEach(d -> out.println("  " + d));
        });
        return v.ok() ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }

    private static void strings(final JsonWriter j, final String name, final List<String> values)
    {
        j.name(name).beginArray();
        values.forEach(j::value);
        j.endArray();
    }
}
