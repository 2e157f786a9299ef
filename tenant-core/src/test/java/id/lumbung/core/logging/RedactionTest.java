package id.lumbung.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void aNikTypedWithSpacesDotsOrDashesIsMaskedInLogs() {
        assertThat(Redaction.maskForLog("user 7471 0151 0660 0002 failed"))
                .isEqualTo("user **** **** **** 0002 failed");
        assertThat(Redaction.maskForLog("nik=7471.0151.0660.0002")).isEqualTo("nik=****.****.****.0002");
        assertThat(Redaction.maskForLog("call 0812-3456-7890")).isEqualTo("call ****-****-7890");
        assertThat(Redaction.maskForLog("7471015106600002")).isEqualTo("************0002");
        assertThat(Redaction.maskForLog("NIK7471015106600002x")).isEqualTo("NIK************0002x");
    }

    @Test
    void sixDigitsAreEnoughButFiveAreNot() {
        assertThat(Redaction.maskForLog("born 120385, code 74710")).isEqualTo("born **0385, code 74710");
    }

    @Test
    void idsAndWordsWithDigitsAreKept() {
        String line = "job 550e8400-e29b-41d4-a716-446655440000 of tenant 7471 (hash 7d3b50719a191a36, v2026x)"
                + " from 127.0.0.1 on http://10.20.30.40:5774";
        assertThat(Redaction.maskForLog(line)).isEqualTo(line);
    }

    @Test
    void answersToCallersMaskOnlyWholeIdentifiers() {
        assertThat(Redaction.maskIdentifiers("NIK 7471015106600002 on line 123456"))
                .isEqualTo("NIK ************0002 on line 123456");
    }
}
