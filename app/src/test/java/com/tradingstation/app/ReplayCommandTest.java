package com.tradingstation.app;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest extends CommandTestBase
{
    @TempDir
    Path dir;

    private static final String SESSION = String.join("\n",
        "1 {\"stream\":\"x@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":10,\"u\":12," +
            "\"b\":[[\"100.5\",\"1\"]],\"a\":[[\"101.00000000\",\"2.50\"]]}}",
        "2 {\"lastUpdateId\":11,\"bids\":[[\"100.4\",\"3\"]],\"asks\":[[\"101\",\"1\"]]}",
        "3 {\"stream\":\"x@bookTicker\",\"data\":{\"u\":12,\"s\":\"BTCUSDT\",\"b\":\"100.5\",\"B\":\"1\"," +
        "\"a\":\"101\",\"A\":\"2.5\"}}",
        "4 {\"stream\":\"x@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":13,\"u\":15," +
            "\"b\":[[\"100.5\",\"0\"]],\"a\":[]}}",
        "");

    @Test
    void jsonOutputHasTheDocumentedShape() throws IOException
    {
        final Path f = Files.writeString(dir.resolve("s.txt"), SESSION);
        final int code = run("replay", "--json", f.toString());
        assertThat(code).as(err.toString()).isZero();
        final String json = out.toString().trim();
        assertThat(json).startsWith("{\"symbols\":[{").endsWith("}");
        assertThat(json).contains(
            "\"venue\":\"binance-spot\"", "\"symbol\":\"BTCUSDT\"", "\"lastUpdateId\":15",
            "\"bestBid\":\"100.4\"", "\"bestBidQty\":\"3\"", "\"bestAsk\":\"101\"", "\"bestAskQty\":\"2.5\"",
            "\"bidLevels\":1", "\"askLevels\":1", "\"applied\":2", "\"dropped\":0", "\"buffered\":1",
            "\"gaps\":0", "\"resyncs\":0", "\"crossed\":0", "\"malformed\":0",
            "\"tickerChecks\":1", "\"tickerAgree\":1", "\"messages\":4", "\"elapsedMs\":");
        assertThat(json).doesNotContain("E+", "e+", "E-");
    }

    @Test
    void tableOutputAndCleanExit() throws IOException
    {
        final Path f = Files.writeString(dir.resolve("s.txt"), SESSION);
        assertThat(run("replay", f.toString())).isZero();
        assertThat(out.toString()).contains("binance-spot BTCUSDT", "bid 100.4 x 3", "gaps 0", "1 checked", "clean");
    }

    @Test
    void missingFileIsAUsageErrorInOneLine()
    {
        final int code = run("replay", dir.resolve("nope.gz").toString());
        assertThat(code).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).contains("cannot read", "no such file").doesNotContain("Exception")
            .hasLineCount(1);
    }

    @Test
    void unknownVenueAndBadDepthAreUsageErrors() throws IOException
    {
        final Path f = Files.writeString(dir.resolve("s.txt"), SESSION);
        assertThat(run("replay", "--venue", "kraken", f.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown venue 'kraken'");
        assertThat(run("replay", "--depth", "-1", f.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("replay")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("replay", "--bogus", f.toString())).isEqualTo(StationMain.EXIT_USAGE);
    }

    @Test
    void malformedLinesMakeTheReplayNotCleanButKeepGoing() throws IOException
    {
        final Path f = Files.writeString(dir.resolve("s.txt"),
            SESSION + "5 {\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1\n");
        assertThat(run("replay", "--json", f.toString())).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("\"syntax\":1", "\"malformed\":1", "\"clean\":false");
    }

    @Test
    void helpIsAvailableForEveryCommand()
    {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("replay");
        assertThat(run("replay", "--help")).isZero();
        assertThat(out.toString()).contains("--json", "--venue", "--depth", "Exit:");
    }

    @Test
    void realSpotSessionMatchesTheExpectedFigures()
    {
        final Path data = Paths.get(System.getProperty("station.shared.dir", "../../shared"), "data", "binance");
        final Path a = data.resolve("spot_btcusdt_20240808.gz");
        final Path b = data.resolve("spot_btcusdt_20240809.gz");
        Assumptions.assumeTrue(Files.isRegularFile(a) && Files.isRegularFile(b),
            "SKIPPED: real captures not found in " + data.toAbsolutePath());
        assertThat(run("replay", "--json", a.toString(), b.toString())).isZero();
        final String json = out.toString();
        assertThat(json)
            .contains("\"lastUpdateId\":50093696318", "\"bestBid\":\"61602.01\"", "\"bestBidQty\":\"1.67177\"",
                "\"bestAsk\":\"61602.02\"", "\"bestAskQty\":\"2.66795\"", "\"bidLevels\":1971", "\"askLevels\":2962",
                "\"applied\":6493", "\"dropped\":2", "\"buffered\":3", "\"gaps\":0", "\"crossed\":0");
        final Matcher checks = Pattern.compile("\"tickerChecks\":(\\d+),\"tickerAgree\":(\\d+)").matcher(json);
        assertThat(checks.find()).isTrue();
        assertThat(Long.parseLong(checks.group(1))).isPositive().isEqualTo(Long.parseLong(checks.group(2)));
    }
}
