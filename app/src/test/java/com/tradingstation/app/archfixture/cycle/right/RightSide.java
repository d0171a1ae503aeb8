package com.tradingstation.app.archfixture.cycle.right;

import com.tradingstation.app.archfixture.cycle.left.LeftSide;

/**
 * The other half of the deliberate package cycle of {@link LeftSide}.
 */
public final class RightSide
{
    private RightSide()
    {
    }

    /** @return one more than the left side's value, read through its package. */
    public static int value()
    {
        return LeftSide.value() + 1;
    }
}
