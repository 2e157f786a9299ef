package id.lumbung.core.access;

/**
 * The verbs of Lumbung: what a role may do. Which role holds which verb, and how far it reaches
 * into a tenant, is data — the {@code role_permission} matrix seeded by a migration, which a
 * tenant may narrow for itself but never widen ({@link Authorizer}).
 *
 * <p>A <em>scoped</em> verb may be held with a partial reach (a village operator's villages, a
 * field worker's assigned households); every other verb acts on a whole tenant and is granted
 * only with the whole tenant's reach.
 */
public enum Permission {
    /** See that a tenant exists: its name and code. */
    TENANT_READ(false, "melihat kabupaten/kota"),
    /** Onboard a regency or city as a tenant (the platform; a province admin, those of its province). */
    TENANT_ONBOARD(false, "mendaftarkan kabupaten/kota"),
    /** Set a province's template for its new regencies: approval chain, identity thresholds. */
    PROVINCE_TEMPLATE(false, "mengatur templat provinsi untuk kabupaten/kota baru"),
    /** Create the admins of a province (platform). */
    PROVINCE_ADMIN_MANAGE(false, "mengelola admin provinsi"),
    /** Create a tenant's first admin and reset a tenant admin's password (platform; audited in the tenant). */
    TENANT_ADMIN_ONBOARD(false, "membuat admin pertama dan mereset kata sandi admin kabupaten/kota"),
    /** List a tenant's users and the tenant's permission matrix. */
    USER_READ(false, "melihat pengguna"),
    /** Create users, change roles and villages, disable, reset passwords, narrow the matrix. */
    USER_MANAGE(false, "mengelola pengguna dan hak akses"),
    /** Read households, members and their history. */
    HOUSEHOLD_READ(true, "membaca data keluarga"),
    /** Register households. */
    HOUSEHOLD_WRITE(true, "mendaftarkan keluarga"),
    /** Assign households to field workers. */
    HOUSEHOLD_ASSIGN(false, "menugaskan keluarga kepada pendamping"),
    /** Move a family to another regency (origin) and accept or refuse one moving in (destination). */
    HOUSEHOLD_TRANSFER(false, "memindahkan keluarga antarkabupaten/kota"),
    /** Download the registry (CSV, Excel). */
    REGISTRY_EXPORT(true, "mengunduh data terpadu"),
    /** See full NIK and KK numbers (each read audited). */
    IDENTIFIER_REVEAL(true, "melihat NIK/KK lengkap"),
    /** Bring files and pulls into the registry: registry imports, Dapodik, the ministry's lists. */
    IMPORT_RUN(false, "mengimpor berkas dan menarik data instansi"),
    /** Ask Dukcapil about NIKs. */
    NIK_CHECK_RUN(false, "memeriksa NIK ke Dukcapil"),
    /** Read the NIK checks asked. */
    NIK_CHECK_READ(false, "melihat hasil pemeriksaan NIK"),
    /** Verify members against Dukcapil element by element. */
    VERIFICATION_RUN(true, "memulai verifikasi Dukcapil"),
    /** Read verifications and their differences. */
    VERIFICATION_READ(true, "melihat hasil verifikasi"),
    /** Look for the same person listed twice in the registry, and read what was found. */
    DUPLICATE_RUN(false, "mencari data ganda"),
    /** Decide on a person found twice: keep, merge (reversible), or not the same person. */
    DUPLICATE_DECIDE(false, "memutuskan data ganda"),
    /** Look for the same person registered in two regencies of a province (or nationally), and decide. */
    DUPLICATE_ACROSS(false, "mencari data ganda antarkabupaten/kota"),
    /** Set another list (P3KE, a DTSEN extract) beside the registry: in both, only here, only there. */
    LIST_RECONCILE(false, "mencocokkan daftar lain dengan DTKS"),
    /** Set the tenant's thresholds of identity resolution (match, review). */
    IDENTITY_SETTINGS(false, "mengatur ambang data ganda"),
    /** Read students from Dapodik and the pulls. */
    STUDENT_READ(false, "melihat data siswa"),
    /** Read the exchanges with the ministry. */
    MINISTRY_READ(false, "melihat pertukaran dengan Kemensos"),
    /** Send proposals to the ministry. */
    MINISTRY_SUBMIT(false, "mengirim usulan ke Kemensos"),
    /** Read proposals (usulan) and their history. */
    PROPOSAL_READ(true, "melihat usulan"),
    /** Record village meetings and proposals, submit and withdraw them. */
    PROPOSAL_WRITE(true, "membuat dan mengajukan usulan"),
    /** Check submitted proposals, send them to field verification, verify or reject them. */
    PROPOSAL_CHECK(false, "memeriksa dan memverifikasi usulan"),
    /** Record a field visit (the verification checklist) of an assigned proposal. */
    FIELD_VISIT(true, "mencatat kunjungan lapangan"),
    /** Decide at a step of the tenant's approval chain (the step's role is needed too). */
    PROPOSAL_APPROVE(false, "menyetujui daftar usulan"),
    /** Set the tenant's approval chain. */
    APPROVAL_CHAIN_MANAGE(false, "mengatur alur persetujuan"),
    /** Order payments from a bank. */
    PAYMENT_ORDER(false, "memerintahkan penyaluran"),
    /** Read payments. */
    PAYMENT_READ(true, "melihat penyaluran"),
    /** Reconcile a bank's result file. */
    PAYMENT_RECONCILE(false, "merekonsiliasi berkas bank"),
    /** See the connectors, queues and dead letters. */
    CONNECTOR_READ(false, "melihat konektor"),
    /** Retry dead letters and resume paused connectors. */
    CONNECTOR_OPERATE(false, "menjalankan ulang konektor"),
    /** Enter a regency's own credentials for an agency (never shown back) and try them. */
    CONNECTOR_CONFIGURE(false, "mengisi dan mencoba kredensial konektor"),
    /** Read a tenant's figures (counts, data quality, progress; no personal data): a province's dashboard. */
    FIGURES_READ(false, "melihat ringkasan dan mutu data"),
    /** Open a reasoned, time-limited, read-only access to a regency's personal data (a province admin). */
    BREAK_GLASS_OPEN(false, "membuka akses data pribadi dengan alasan"),
    /** See who opened such accesses to the tenant, when and why (its DPO, admin and auditor). */
    BREAK_GLASS_READ(false, "melihat akses data pribadi oleh provinsi"),
    /** Read and verify the audit log. */
    AUDIT_READ(false, "membaca log audit"),
    /** Read the platform's metrics (Prometheus). */
    METRICS_READ(false, "membaca metrik");

    private final boolean scoped;
    private final String label;

    Permission(boolean scoped, String label) {
        this.scoped = scoped;
        this.label = label;
    }

    /** Whether the verb may be held with a partial reach (villages, assigned households). */
    public boolean scoped() {
        return scoped;
    }

    /** What the verb allows, in Bahasa Indonesia, for the pages. */
    public String label() {
        return label;
    }
}
