package com.tradingstation.app;

import com.tradingstation.ops.RedisProfileCheck;
import com.tradingstation.redis.RedisProfile;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code station redis-profile}: compare a running Redis with the station's HFT profile
 * ({@link RedisProfile}) and, with {@code --apply}, CONFIG SET what differs.
 */
@Command(
    name = "redis-profile",
    mixinStandardHelpOptions = true,
    description = {
        "Check a running Redis against the station's HFT profile, or apply the profile with CONFIG SET.",
        "The profile: databases 1, tcp-keepalive 30, hz 8, maxmemory, allkeys-lru, latency-monitor-threshold 10,",
        "save \"\", appendonly no. --check lists every setting as ok, differs or not-settable;",
        "--apply runs CONFIG SET for the settable differences and says what needs a restart (databases).",
        "--apply refuses 127.0.0.1:6379 (the host's production Redis) without --force.",
        "Exit: 0 all ok (--apply: every settable setting now matches); 1 differences remain; 2 usage error;",
        "3 Redis unreachable or CONFIG refused."})
final class RedisProfileCommand extends RedisReportCommand
{
    /** What to do: picocli refuses both at once. */
    static final class Mode
    {
        @Option(names = "--check", description = "Compare only (the default).")
        boolean check;

        @Option(names = "--apply", description = "CONFIG SET every setting that differs and can be set at runtime.")
        boolean apply;
    }

    @ArgGroup(exclusive = true)
    private Mode mode = new Mode();

    @Option(names = "--maxmemory", paramLabel = "SIZE",
        description = "maxmemory of the profile (default: station.redis.maxmemory of the config, 1gb).")
    private String maxmemory;

    @Override
    String schema()
    {
        return "station.redis-profile/1";
    }

    @Option(names = "--force", description = "Allow --apply to 127.0.0.1:6379.")
    private boolean force;

    @Override
    public Integer call() throws RedisUnavailableException
    {
        final boolean apply = mode != null && mode.apply;
        final RedisProfile profile = RedisProfile.hft(maxmemory != null ? maxmemory :
            target.stationConfig().redisMaxmemory());
        resolved = target.resolve();
        if (apply && !force && RedisTarget.isLocalDefault(resolved))
        {
            throw new IllegalArgumentException("refusing to --apply to " + resolved.address()
                + ", the production Redis of this host; add --force if that is meant");
        }
        final RedisProfileCheck result = apply ? RedisProfileCheck.apply(resolved, profile) :
            RedisProfileCheck.check(resolved, profile);
        output.print(result::toJson, out -> out.print(result.toText()));
        final boolean ok = apply ? result.settableMatch() : result.allOk();
        return ok ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }
}
