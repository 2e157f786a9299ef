package id.lumbung.core.nikcheck;

/** Dukcapil's answer about a NIK, as a business result (none of these is retried). */
public enum NikCheckResult {
    /** Response code 01: the NIK exists and the person is alive. */
    FOUND,
    /** Code 11: the person is recorded as deceased. */
    DECEASED,
    /** Code 12: several records, needs manual review. */
    MULTIPLE,
    /** Codes 08 and 13: no such NIK ("Data Tidak Ditemukan"). */
    NOT_FOUND,
    /** Code 14: the NIK is inactive. */
    INACTIVE,
    /** Code 15: Dukcapil rejects the NIK as invalid. */
    INVALID
}
