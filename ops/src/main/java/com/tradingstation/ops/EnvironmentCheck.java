package com.tradingstation.ops;

/**
 * One environment check of the gate: a Redis setting or the measurement's CPU pinning against the
 * HFT profile. Checks are advisory: they are reported and kept in the ledger but do not change the
 * verdict, which rests on measured figures only.
 *
 * @param name     e.g. {@code appendonly} or {@code measurement_pinned}.
 * @param expected what the HFT profile wants.
 * @param actual   what was found.
 * @param ok       whether it matches.
 * @param why      one line: why the profile wants it.
 */
public record EnvironmentCheck(String name, String expected, String actual, boolean ok, String why)
{
}
