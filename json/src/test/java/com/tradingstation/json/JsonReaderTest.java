package com.tradingstation.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReaderTest
{
    @Test
    @SuppressWarnings("unchecked")
    void readsWhatJsonWriterWrites()
    {
        final String text = new JsonWriter().beginObject().field("s", "a\"b\\c\n\u0001é").field("n", -12.5)
            .field("l", 7L).field("t", true).name("z").value((String)null).name("a").beginArray().value(1L)
            .beginObject().endObject().endArray().endObject().toString();
        final Map<String, Object> m = JsonReader.parseObject(text);
        assertThat(m).containsEntry("s", "a\"b\\c\n\u0001é").containsEntry("n", -12.5).containsEntry("l", 7.0)
            .containsEntry("t", true).containsEntry("z", null);
        assertThat((List<Object>)m.get("a")).containsExactly(1.0, Map.of());
        assertThat(JsonReader.at(JsonReader.parseObject("{\"a\":{\"b\":{\"c\":3}}}"), "a.b.c")).isEqualTo(3.0);
        assertThat(JsonReader.at(m, "s.x")).isNull();
    }

    @Test
    void everyTruncationOfALineIsRejected()
    {
        final String line = "{\"verdict\":\"PASS\",\"metrics\":{\"rtt_p99_us\":12.5},\"reasons\":[\"a\",\"b\"]}";
        for (int cut = 0; cut < line.length(); cut++)
        {
            final String torn = line.substring(0, cut);
            assertThatThrownBy(() -> JsonReader.parseObject(torn)).as(torn)
                .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(JsonReader.parseObject(line)).containsEntry("verdict", "PASS");
        assertThatThrownBy(() -> JsonReader.parse("{} x")).hasMessageContaining("trailing");
    }
}
