package org.permithub.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void idNumbersKeepOnlyRegionAndLastFour() {
        assertThat(Masking.idNumber("370602199001011234")).isEqualTo("370***********1234");
        assertThat(Masking.idNumber("37060219900101123X")).endsWith("123X").doesNotContain("19900101");
        assertThat(Masking.idNumber("12345")).isEqualTo("*****");
        assertThat(Masking.idNumber(null)).isNull();
    }

    @Test
    void namesKeepFirstAndLastCharacter() {
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧**娜");
        assertThat(Masking.name("李")).isEqualTo("*");
    }
}
