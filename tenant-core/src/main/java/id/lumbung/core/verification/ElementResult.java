package id.lumbung.core.verification;

import java.util.Map;

/**
 * Dukcapil's answer to a verification by element.
 *
 * @param result FOUND, NOT_FOUND, DECEASED, MULTIPLE, INACTIVE or INVALID
 * @param elements per element checked (NIK, NO_KK, NAMA_LGKP, TMPT_LHR, TGL_LHR, JENIS_KLMIN):
 *     whether it matched, and the score Dukcapil gave a fuzzy field (-1 when none)
 */
public record ElementResult(String result, Map<String, Match> elements) {

    /**
     * One element's verdict.
     *
     * @param matches "Sesuai"
     * @param score the similarity Dukcapil gave, 0–100, or -1
     */
    public record Match(boolean matches, int score) {}
}
