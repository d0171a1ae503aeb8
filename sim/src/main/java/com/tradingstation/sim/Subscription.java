package com.tradingstation.sim;

/**
 * One stream a connection listens to: the name exactly as the client asked (combined frames echo
 * it) and the session symbol and kind it resolves to. Immutable.
 *
 * @param name   stream name as asked, e.g. {@code btcusdt@depth@100ms}.
 * @param symbol the session symbol.
 * @param kind   what it carries.
 */
record Subscription(String name, SimSymbol symbol, StreamKind kind)
{
}
