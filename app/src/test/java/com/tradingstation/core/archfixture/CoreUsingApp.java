package com.tradingstation.core.archfixture;

import com.tradingstation.app.archfixture.cycle.left.LeftSide;

/**
 * A deliberate arrow pointing up, for the architecture test only: a class in core's packages
 * that uses a class in app's. It lives in app's test classes, which the main import leaves out.
 */
public final class CoreUsingApp
{
    private CoreUsingApp()
    {
    }

    /** @return a value read from the app layer. */
    public static int fromApp()
    {
        return LeftSide.value();
    }
}
