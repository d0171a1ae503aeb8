package com.tradingstation.ops;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The runtime fingerprint as the gate records it: this run's hash and the last PASS in the ledger
 * it is compared with, so a decision says when the host, JVM or Redis settings changed since the
 * environment was last known good. Immutable.
 *
 * @param sha256         this run's fingerprint hash.
 * @param lastPassTime   when the ledger's last PASS was measured, or null when the ledger has none.
 * @param lastPassSha256 the fingerprint hash that PASS recorded, or null when it recorded none (an older line).
 */
public record GateFingerprint(String sha256, Instant lastPassTime, String lastPassSha256)
{
    /** The ledger field of the hash. */
    public static final String FIELD = "fingerprint_sha256";

    /**
     * @param sha256 this run's fingerprint hash.
     * @param ledger the ledger before this run's line.
     * @return the hash with the last PASS of the ledger.
     */
    public static GateFingerprint against(final String sha256, final List<Map<String, Object>> ledger)
    {
        for (int i = ledger.size() - 1; i >= 0; i--)
        {
            final Map<String, Object> e = ledger.get(i);
            if (Verdict.PASS.name().equals(e.get("verdict")))
            {
                final Instant t = time(e.get("time"));
                if (t != null)
                {
                    return new GateFingerprint(sha256, t, e.get(FIELD) instanceof String s ? s : null);
                }
            }
        }
        return new GateFingerprint(sha256, null, null);
    }

    private static Instant time(final Object value)
    {
        try
        {
            return value instanceof String s ? Instant.parse(s) : null;
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }

    /** @return whether the ledger's last PASS recorded a different hash. */
    public boolean changed()
    {
        return lastPassSha256 != null && !lastPassSha256.equals(sha256);
    }

    /** @return one line on the hash against the last PASS. */
    public String message()
    {
        if (lastPassTime == null)
        {
            return "fingerprint " + sha256.substring(0, 12) + " (no PASS in the ledger to compare with)";
        }
        if (lastPassSha256 == null)
        {
            return "fingerprint " + sha256.substring(0, 12) + " (the last PASS, at " + lastPassTime
                + ", recorded no fingerprint)";
        }
        return changed()
            ? "fingerprint changed since last PASS at " + lastPassTime + ": run `station fingerprint --diff-last-pass`"
            : "fingerprint " + sha256.substring(0, 12) + " unchanged since last PASS at " + lastPassTime;
    }
}
