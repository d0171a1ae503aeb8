package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GateFingerprintTest
{
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private static Map<String, Object> line(final String verdict, final String time, final String sha)
    {
        return sha == null ? Map.of("verdict", verdict, "time", time)
            : Map.of("verdict", verdict, "time", time, GateFingerprint.FIELD, sha);
    }

    @Test
    void theLastPassIsTheOneComparedWithAndLaterFailuresDoNotCount()
    {
        final List<Map<String, Object>> ledger = List.of(line("PASS", "2025-09-27T07:00:00Z", B),
            line("PASS", "2025-09-28T07:00:00Z", A), line("FAIL", "2025-09-29T07:00:00Z", B),
            line("UNMEASURED", "2025-09-30T07:00:00Z", null));
        final GateFingerprint same = GateFingerprint.against(A, ledger);
        assertThat(same.changed()).isFalse();
        assertThat(same.lastPassTime()).isEqualTo(Instant.parse("2025-09-28T07:00:00Z"));
        assertThat(same.message()).isEqualTo("fingerprint aaaaaaaaaaaa unchanged since last PASS at "
            + "2025-09-28T07:00:00Z");
        final GateFingerprint moved = GateFingerprint.against(B, ledger);
        assertThat(moved.changed()).isTrue();
        assertThat(moved.message()).isEqualTo("fingerprint changed since last PASS at 2025-09-28T07:00:00Z: run "
            + "`station fingerprint --diff-last-pass`");
    }

    @Test
    void aLedgerWithoutAPassOrWithAnOlderPassLineComparesWithNothing()
    {
        assertThat(GateFingerprint.against(A, List.of(line("FAIL", "2025-09-28T07:00:00Z", B))).message())
            .contains("no PASS in the ledger");
        final GateFingerprint older = GateFingerprint.against(A, List.of(line("PASS", "2025-09-28T07:00:00Z", null)));
        assertThat(older.changed()).isFalse();
        assertThat(older.message()).contains("recorded no fingerprint");
        assertThat(GateFingerprint.against(A, List.of(line("PASS", "yesterday", B))).lastPassTime()).isNull();
    }

    @Test
    void theDecisionLineCarriesTheHashAndTheLastPass()
    {
        final GateDecision unmeasured = GateDecision.unmeasured(Instant.parse("2025-09-29T07:00:00Z"), "h", null,
            Thresholds.defaults(), "built-in defaults", "UNREACHABLE", "no Redis");
        assertThat(JsonReader.parseObject(unmeasured.toJson())).doesNotContainKey(GateFingerprint.FIELD);
        final Map<String, Object> json = JsonReader.parseObject(unmeasured.withFingerprint(
            GateFingerprint.against(B, List.of(line("PASS", "2025-09-28T07:00:00Z", A)))).toJson());
        assertThat(json).containsEntry(GateFingerprint.FIELD, B);
        assertThat(JsonReader.at(json, "fingerprint_last_pass.changed")).isEqualTo(true);
        assertThat(JsonReader.at(json, "fingerprint_last_pass.sha256")).isEqualTo(A);
        assertThat(JsonReader.parseObject(unmeasured.withFingerprint(GateFingerprint.against(B, List.of())).toJson()))
            .containsEntry("fingerprint_last_pass", null);
    }
}
