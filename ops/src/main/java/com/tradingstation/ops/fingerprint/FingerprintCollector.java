package com.tradingstation.ops.fingerprint;

/**
 * One source of fingerprint items: the host's kernel and CPU settings, the JVM, a Redis, or any
 * further reader (the IRQ affinity of the station's CPUs plugs in here). A collector never throws
 * for what it cannot read: it records the item as {@value FingerprintItems#UNREADABLE} (or
 * {@value FingerprintItems#UNAVAILABLE} for a source that is not there) and may add a note.
 */
@FunctionalInterface
public interface FingerprintCollector
{
    /**
     * @param out where the items go; keys are dotted, e.g. {@code cpu.governor}.
     */
    void collect(FingerprintItems out);
}
