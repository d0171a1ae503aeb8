package com.tradingstation.ops;

import com.tradingstation.json.JsonWriter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One gate decision: the verdict, a decision per gated metric, the advisory environment checks and
 * where it was taken. {@link #toJson()} is both the {@code station gate --json} output and the
 * ledger line (schema {@value #SCHEMA}, documented in docs/OPERATIONS.md). Immutable.
 *
 * @param time            when the measurement started.
 * @param host            this machine's host name.
 * @param redis           host:port of the Redis measured.
 * @param thresholdsSha256 hash of the thresholds in force ({@link Thresholds#sha256()}).
 * @param thresholdsSource the thresholds file, or {@code built-in defaults}.
 * @param metrics         what was measured.
 * @param decisions       one per gated metric, in {@link Thresholds#metrics()} order.
 * @param checks          environment checks (empty with --metrics-only).
 * @param pinned          whether the measuring thread was verified pinned.
 * @param verdict         the worst of the metric verdicts, or {@link Verdict#UNMEASURED}.
 * @param failure         why nothing was measured (a {@code RedisFailure} name), null when measured.
 * @param error           one line on what went wrong, null when measured.
 * @param fingerprint     the runtime fingerprint's hash against the last PASS, or null when none was taken
 *                        (lines written before the gate took one have no {@value GateFingerprint#FIELD}).
 */
public record GateDecision(
    Instant time, String host, String redis, String thresholdsSha256, String thresholdsSource, GateMetrics metrics,
    List<MetricDecision> decisions, List<EnvironmentCheck> checks, boolean pinned, Verdict verdict, String failure,
    String error, GateFingerprint fingerprint)
{
    /** Schema name and version carried in every ledger line. */
    public static final String SCHEMA = "station.gate/1";

    /**
     * A gate run that could not measure: no metrics, no checks, verdict UNMEASURED.
     *
     * @param time             when the gate started.
     * @param host             this machine's host name.
     * @param redis            host:port of the Redis it tried, or null when none could be named.
     * @param thresholds       the thresholds it would have judged by.
     * @param thresholdsSource their file, or {@code built-in defaults}.
     * @param failure          the failure class, e.g. {@code UNREACHABLE}.
     * @param error            one line.
     * @return the decision to record.
     */
    public static GateDecision unmeasured(final Instant time, final String host, final String redis,
        final Thresholds thresholds, final String thresholdsSource, final String failure, final String error)
    {
        return new GateDecision(time, host, redis, thresholds.sha256(), thresholdsSource,
            new GateMetrics(Map.of(), Map.of()), List.of(), List.of(), false, Verdict.UNMEASURED, failure, error, null);
    }

    /**
     * @param stamp the runtime fingerprint's hash against the last PASS.
     * @return this decision with it.
     */
    public GateDecision withFingerprint(final GateFingerprint stamp)
    {
        return new GateDecision(time, host, redis, thresholdsSha256, thresholdsSource, metrics, decisions, checks,
            pinned, verdict, failure, error, stamp);
    }

    /** @return the reasons of the metrics that did not pass (empty on PASS), or why nothing was measured. */
    public List<String> failureReasons()
    {
        if (verdict == Verdict.UNMEASURED)
        {
            return List.of("could not measure: " + error);
        }
        return decisions.stream().filter(d -> d.verdict() != Verdict.PASS).map(MetricDecision::reason).toList();
    }

    /** @return one JSON line without a trailing newline. */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("schema", SCHEMA)
            .field("time", time.toString())
            .field("host", host)
            .field("redis", redis)
            .field("thresholds_sha256", thresholdsSha256)
            .field("thresholds_source", thresholdsSource)
            .field("verdict", verdict.name())
            .field("pinned", pinned);
        if (verdict == Verdict.UNMEASURED)
        {
            w.field("failure", failure).field("error", error);
        }
        if (fingerprint != null)
        {
            w.field(GateFingerprint.FIELD, fingerprint.sha256()).name("fingerprint_last_pass");
            if (fingerprint.lastPassTime() == null)
            {
                w.value((String)null);
            }
            else
            {
                w.beginObject().field("time", fingerprint.lastPassTime().toString())
                    .field("sha256", fingerprint.lastPassSha256()).field("changed", fingerprint.changed()).endObject();
            }
        }
        w.name("metrics").beginObject();
        for (final Map.Entry<String, Double> e : metrics.values().entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        for (final Map.Entry<String, Double> e : metrics.extra().entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        w.name("reasons").beginArray();
        for (final String r : failureReasons())
        {
            w.value(r);
        }
        w.endArray();
        w.name("decisions").beginArray();
        for (final MetricDecision d : decisions)
        {
            w.beginObject().field("metric", d.metric()).field("value", d.value()).field("limit", d.limit())
                .field("soft_limit", LatencyStats.round(d.softLimit())).field("band", d.band().label())
                .field("verdict", d.verdict().name()).field("reason", d.reason()).endObject();
        }
        w.endArray();
        w.name("checks").beginArray();
        for (final EnvironmentCheck c : checks)
        {
            w.beginObject().field("name", c.name()).field("expected", c.expected()).field("actual", c.actual())
                .field("ok", c.ok()).field("why", c.why()).endObject();
        }
        w.endArray();
        return w.endObject().toString();
    }

    /** @return human lines: the verdict, one line per metric, one per environment check. */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append("gate: ").append(verdict.name()).append(" (Redis ").append(redis).append(", thresholds ")
            .append(thresholdsSource).append(", sha256 ").append(thresholdsSha256, 0, 12).append(")\n");
        if (verdict == Verdict.UNMEASURED)
        {
            sb.append("  ").append(failureReasons().get(0)).append('\n');
        }
        for (final MetricDecision d : decisions)
        {
            sb.append(String.format("  %-9s %s%n", d.verdict().name(), d.reason()));
        }
        for (final EnvironmentCheck c : checks)
        {
            sb.append(String.format("  %-9s %s = %s (want %s)%s%n", c.ok() ? "ok" : "WARN", c.name(), c.actual(),
                c.expected(), c.ok() ? "" : ": " + c.why()));
        }
        if (fingerprint != null)
        {
            sb.append(String.format("  %-9s %s%n", fingerprint.changed() ? "CHANGED" : "ok", fingerprint.message()));
        }
        return sb.toString();
    }
}
