package io.switchboard.adapter.rest.acs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected values are what {@code new URLSearchParams(query).toString()} returns in Node.js. */
class UrlSearchParamsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            api-version=2021-03-28-preview0 | api-version=2021-03-28-preview0
            a=b%20c                         | a=b+c
            a=b+c                           | a=b+c
            a=x:y~z                         | a=x%3Ay%7Ez
            a=%3a                           | a=%3A
            a=1&&b=2                        | a=1&b=2
            flag                            | flag=
            a=%zz                           | a=%25zz
            a=*-._!'()                      | a=*-._%21%27%28%29
            q=%C3%A9                        | q=%C3%A9
            """)
    void reSerialisesAQueryAsUrlSearchParamsDoes(String query, String expected) {
        assertThat(UrlSearchParams.reserialize(query)).isEqualTo(expected);
    }
}
