package com.tradingstation.ops.alloc;

/**
 * A variant cannot be measured as asked: its options are not in force in the server (misspelled, refused
 * by jemalloc, not read from the variable used), or the binary does not allocate with jemalloc.
 */
public final class VariantRefusedException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line saying which variant and why.
     */
    public VariantRefusedException(final String message)
    {
        super(message);
    }
}
