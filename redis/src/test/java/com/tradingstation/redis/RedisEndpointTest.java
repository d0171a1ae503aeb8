package com.tradingstation.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisEndpointTest
{
    @Test
    void hostOnlyTakesDefaults()
    {
        final RedisEndpoint e = RedisEndpoint.parse("redis://cache.desk");
        assertThat(e.host()).isEqualTo("cache.desk");
        assertThat(e.port()).isEqualTo(6379);
        assertThat(e.database()).isZero();
        assertThat(e.user()).isNull();
        assertThat(e.password()).isNull();
        assertThat(e.tls()).isFalse();
        assertThat(e.connectTimeoutMs()).isEqualTo(2000);
        assertThat(e.socketTimeoutMs()).isEqualTo(2000);
    }

    @Test
    void everyComponent()
    {
        final RedisEndpoint e = RedisEndpoint.parse("rediss://alice:s3cr%40t%2Bx@10.1.2.3:6380/0");
        assertThat(e.tls()).isTrue();
        assertThat(e.user()).isEqualTo("alice");
        assertThat(e.password()).isEqualTo("s3cr@t+x");
        assertThat(e.host()).isEqualTo("10.1.2.3");
        assertThat(e.port()).isEqualTo(6380);
        assertThat(e.database()).isZero();
    }

    @Test
    void passwordOnlyAndPlusStaysPlus()
    {
        final RedisEndpoint e = RedisEndpoint.parse("redis://:a+b@localhost:7000/2");
        assertThat(e.user()).isNull();
        assertThat(e.password()).isEqualTo("a+b");
        assertThat(e.database()).isEqualTo(2);
    }

    @Test
    void userWithoutPassword()
    {
        final RedisEndpoint e = RedisEndpoint.parse("redis://reader@localhost");
        assertThat(e.user()).isEqualTo("reader");
        assertThat(e.password()).isNull();
    }

    @Test
    void unicodeCredentialsAreDecoded()
    {
        final RedisEndpoint e = RedisEndpoint.parse("redis://%C3%A9l%C3%A8ve:p%C3%A4ss@h");
        assertThat(e.user()).isEqualTo("élève");
        assertThat(e.password()).isEqualTo("päss");
    }

    @Test
    void ipv6InBrackets()
    {
        final RedisEndpoint e = RedisEndpoint.parse("redis://[::1]:6390/0");
        assertThat(e.host()).isEqualTo("::1");
        assertThat(e.port()).isEqualTo(6390);
        assertThat(e.address()).isEqualTo("[::1]:6390");
    }

    @Test
    void schemeIsCaseInsensitiveAndTrailingSlashMeansDbZero()
    {
        final RedisEndpoint e = RedisEndpoint.parse("REDIS://h:1/");
        assertThat(e.tls()).isFalse();
        assertThat(e.database()).isZero();
    }

    @Test
    void toStringMasksThePassword()
    {
        final RedisEndpoint e = RedisEndpoint.parse("redis://alice:hunter2@h:6379/0");
        assertThat(e.toString()).isEqualTo("redis://alice:***@h:6379/0").doesNotContain("hunter2");
        assertThat(RedisEndpoint.parse("rediss://:pw@h").toString()).isEqualTo("rediss://:***@h:6379/0");
        assertThat(RedisEndpoint.parse("redis://h").toString()).isEqualTo("redis://h:6379/0");
    }

    @Test
    void timeoutsCanBeChanged()
    {
        final RedisEndpoint e = RedisEndpoint.parse("redis://h").withTimeouts(100, 250);
        assertThat(e.connectTimeoutMs()).isEqualTo(100);
        assertThat(e.socketTimeoutMs()).isEqualTo(250);
        assertThatThrownBy(() -> e.withTimeouts(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeouts must be positive");
    }

    @ParameterizedTest(name = "[{index}] '{0}' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                          | empty",
        "localhost:6379              | no scheme",
        "http://h:80                 | unsupported scheme 'http'",
        "redis://                    | no host",
        "redis://:6379               | no host",
        "redis://h:abc               | port 'abc' is not a number",
        "redis://h:                  | port '' is not a number",
        "redis://h:0                 | port 0 is outside 1..65535",
        "redis://h:70000             | port 70000 is outside 1..65535",
        "redis://h/x                 | database 'x' is not a non-negative integer",
        "redis://h/-1                | database '-1' is not a non-negative integer",
        "redis://h/1/2               | database '1/2' is not a non-negative integer",
        "redis://::1:6379            | IPv6 host must be written in brackets",
        "redis://[::1                | missing its closing ']'",
        "redis://h?timeout=5         | query parameters",
        "redis://u:p%zz@h            | bad percent-encoding in password",
        "redis://h o:1               | illegal character ' '",
    })
    void invalidUrlsNameWhatIsWrong(final String url, final String expected)
    {
        assertThatThrownBy(() -> RedisEndpoint.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void errorMessagesNeverShowThePassword()
    {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis://alice:topsecret@h:notaport"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alice:***@h:notaport")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"));
    }
}
