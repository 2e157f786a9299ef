package id.lumbung.core.workflow;

/** Where a proposal (usulan) stands in the DTKS cycle, with its name on the pages. */
public enum ProposalState {
    DRAFT("Draf"),
    SUBMITTED("Diajukan"),
    CHECKING("Diperiksa"),
    FIELD_VERIFICATION("Verifikasi lapangan"),
    VERIFIED("Terverifikasi"),
    REJECTED("Ditolak"),
    APPROVED("Disetujui"),
    SENT("Dikirim ke Kemensos"),
    DETERMINED("Ditetapkan"),
    RETURNED("Dikembalikan Kemensos"),
    WITHDRAWN("Ditarik");

    private final String label;

    ProposalState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
