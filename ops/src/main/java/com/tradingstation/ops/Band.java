package com.tradingstation.ops;

/** The four threshold bands of a metric, best first; the dashboard colors by them. */
public enum Band
{
    /** Better than the first boundary. */
    EXCELLENT,
    /** Between the first and second boundary. */
    GOOD,
    /** Between the second and third boundary, both included. */
    WARNING,
    /** Beyond the third boundary: the original's STOP TRADING. */
    STOP;

    /** @return the lower-case name used in JSON and on screen. */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
