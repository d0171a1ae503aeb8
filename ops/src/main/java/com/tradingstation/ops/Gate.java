package com.tradingstation.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The go / no-go rule: every gated metric against its limit with the soft-fail tolerance; the
 * decision is the worst metric verdict. Pure and stateless.
 */
public final class Gate
{
    private Gate()
    {
    }

    /**
     * @param metrics    what was measured.
     * @param thresholds limits and tolerance.
     * @return one decision per gated metric, in {@link Thresholds#metrics()} order.
     */
    public static List<MetricDecision> decide(final GateMetrics metrics, final Thresholds thresholds)
    {
        final List<MetricDecision> out = new ArrayList<>();
        for (final String m : Thresholds.metrics())
        {
            out.add(thresholds.limits(m).decide(metrics.value(m), thresholds.tolerancePct() / 100.0));
        }
        return out;
    }

    /**
     * @param decisions per-metric decisions.
     * @return the worst verdict; PASS for none.
     */
    public static Verdict overall(final List<MetricDecision> decisions)
    {
        Verdict v = Verdict.PASS;
        for (final MetricDecision d : decisions)
        {
            v = v.worst(d.verdict());
        }
        return v;
    }

    /**
     * @param report           the monitor run.
     * @param thresholds       limits and tolerance.
     * @param thresholdsSource the file they came from, for the record.
     * @param checks           environment checks (may be empty).
     * @return the full decision.
     */
    public static GateDecision evaluate(final MonitorReport report, final Thresholds thresholds,
        final String thresholdsSource, final List<EnvironmentCheck> checks)
    {
        final GateMetrics metrics = GateMetrics.of(report);
        final List<MetricDecision> decisions = decide(metrics, thresholds);
        return new GateDecision(report.time(), hostName(), report.address(), thresholds.sha256(), thresholdsSource,
            metrics, decisions, List.copyOf(checks), report.pin().pinned(), overall(decisions), null, null,
            null);
    }

    /** @return this machine's host name (HOSTNAME, then the resolver), or {@code unknown}. */
    public static String hostName()
    {
        final String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank())
        {
            return env;
        }
        try
        {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (final UnknownHostException ex)
        {
            return "unknown";
        }
    }
}
