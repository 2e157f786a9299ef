package id.lumbung.gateway.access;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A well-formed request for every operation of the OpenAPI document: path values, required
 * query values and a body. The access sweep sends them as each role; the hostile sweep spoils
 * one part at a time. An operation with a body and no sample here fails both.
 */
final class Samples {
    static final String PASSWORD = "sample-password-0123";
    static final String MISSING_ID = "3f1c2b9e-0000-4000-8000-000000000001";

    private static final Map<String, String> JSON = Map.ofEntries(
            Map.entry("POST /api/v1/auth/login", "{\"username\":\"nobody-sampled\",\"password\":\"" + PASSWORD + "\"}"),
            Map.entry("POST /api/v1/auth/refresh", "{\"refreshToken\":\"no-such-token\"}"),
            Map.entry(
                    "POST /api/v1/public/tenants/{tenantId}/registrations",
                    "{\"villageCode\":\"74.71.01.1005\",\"headName\":\"LA SAMPEL\",\"address\":\"Jl. Sampel\","
                            + "\"nik\":\"7471011205850001\",\"kk\":\"7471010404110011\",\"ktpPhotoBase64\":\"AAAA\"}"),
            Map.entry(
                    "POST /api/v1/partners/banks/{bankCode}/notifications",
                    "{\"originalPartnerReferenceNo\":\"LBG0000\",\"latestTransactionStatus\":\"00\"}"),
            Map.entry(
                    "POST /api/v1/provinces/{provinceId}/users",
                    "{\"username\":\"prov-{unique}\",\"password\":\"" + PASSWORD
                            + "\",\"roles\":[\"PROVINCE_ADMIN\"]}"),
            Map.entry("POST /api/v1/provinces/{provinceId}/duplicate-runs", "{\"scope\":\"PROVINCE\"}"),
            Map.entry(
                    "POST /api/v1/join-requests",
                    "{\"regionCode\":\"74.12\",\"contactName\":\"La Ode Sampel\",\"contactPosition\":"
                            + "\"Kepala Dinas Sosial\",\"adminUsername\":\"join-{unique}\"}"),
            Map.entry(
                    "POST /api/v1/provinces/{provinceId}/join-requests/{id}/reject", "{\"reason\":\"Belum lengkap\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/invitations",
                    "{\"username\":\"invited-{unique}\",\"roles\":[\"TENANT_ADMIN\"]}"),
            Map.entry(
                    "POST /api/v1/invitations/accept",
                    "{\"token\":\"no-such-invitation\",\"password\":\"sample-password-0123\"}"),
            // The national default: a sweep setting it changes nothing for the tests onboarding after it.
            Map.entry(
                    "PUT /api/v1/provinces/{provinceId}/template",
                    "{\"approvalChain\":[{\"role\":\"TENANT_ADMIN\",\"label\":\"Kepala Dinas Sosial\"},"
                            + "{\"role\":\"APPROVER\",\"label\":\"Bupati/Wali Kota\"}],"
                            + "\"matchThreshold\":0.95,\"reviewThreshold\":0.5}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/households/{householdId}/transfers",
                    "{\"destinationTenantId\":\"7401\",\"village\":\"74.01.01.2001\",\"address\":\"Jl. Sampel\","
                            + "\"reason\":\"SKPWNI sampel 0001\"}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/transfers/{id}/accept", "{}"),
            Map.entry(
                    "PUT /api/v1/tenants/{tenantId}/connector-credentials/{agency}",
                    "{\"userId\":\"sampel-user\",\"password\":\"sampel-user-secret\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/transfers/{id}/refuse",
                    "{\"note\":\"Tidak ditemukan di alamat tujuan\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/transfers/{id}/withdraw",
                    "{\"note\":\"Keluarga batal pindah ke sana\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/break-glass",
                    "{\"reason\":\"Pengaduan warga: bansos tidak diterima sejak Juli\",\"minutes\":15}"),
            Map.entry(
                    "POST /api/v1/provinces/{provinceId}/duplicate-runs/{id}/clusters/{clusterId}/decision",
                    "{\"decision\":\"SAME\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/identity-matches",
                    "{\"fullName\":\"LA SAMPEL\",\"nik\":\"7471011205850001\",\"birthDate\":\"1985-05-12\"}"),
            Map.entry(
                    "PUT /api/v1/tenants/{tenantId}/identity-settings",
                    "{\"matchThreshold\":0.95,\"reviewThreshold\":0.5}"),
            Map.entry("POST /api/v1/tenants", "{\"regionCode\":\"74.05\"}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/civil-syncs", "{\"village\":\"74.71.01.1005\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/duplicate-runs/{id}/clusters/{clusterId}/decision",
                    "{\"decision\":\"MERGE\",\"keep\":\"00000000-0000-4000-8000-000000000000\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/disbursements",
                    "{\"payments\":[{\"bankCode\":\"BNI\",\"programme\":\"PKH\",\"period\":\"{period}\","
                            + "\"accountNo\":\"1234567890\",\"beneficiaryName\":\"LA SAMPEL\",\"amount\":1000}]}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/households",
                    "{\"villageCode\":\"74.71.01.1005\",\"address\":\"Jl. Sampel\",\"headName\":\"LA SAMPEL\","
                            + "\"memberCount\":2,\"desil\":3}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/households/search", "{\"kk\":\"7471010404110011\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/households/{id}/carry-over",
                    "{\"formerHead\":\"DECEASED\",\"newHeadId\":\"" + MISSING_ID + "\"}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/members/search", "{\"name\":\"siti\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/ministry/exchanges/proposals",
                    "{\"period\":\"2026-12\",\"changedSince\":\"2026-12-01\"}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/nik-checks", "{\"nik\":\"7471011205850001\"}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/nik-checks/batch", "{\"niks\":[\"7471011205850001\"]}"),
            Map.entry("PUT /api/v1/tenants/{tenantId}/permissions/{role}", "{\"denied\":[]}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/students/pulls", "{}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/students/search", "{\"nisn\":\"0012345678\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/users",
                    "{\"username\":\"sample-{unique}\",\"password\":\"" + PASSWORD
                            + "\",\"roles\":[\"TENANT_ADMIN\"]}"),
            Map.entry("PUT /api/v1/tenants/{tenantId}/users/{username}/assignments", "{\"householdIds\":[]}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/users/{username}/password", "{\"password\":\"" + PASSWORD + "\"}"),
            Map.entry("PUT /api/v1/tenants/{tenantId}/users/{username}/roles", "{\"roles\":[\"TENANT_ADMIN\"]}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/verifications", "{\"village\":\"74.71.01.1005\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/proposals",
                    "{\"kind\":\"ADD\",\"villageCode\":\"74.71.01.1005\",\"headName\":\"LA SAMPEL\","
                            + "\"address\":\"Jl. Sampel\",\"nik\":\"7471011205850001\",\"kk\":\"7471010404110011\"}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/proposals/{id}/steps", "{\"command\":\"SUBMIT\",\"version\":0}"),
            Map.entry(
                    "PUT /api/v1/tenants/{tenantId}/approval-chain",
                    "{\"steps\":[{\"role\":\"TENANT_ADMIN\",\"label\":\"Kepala Dinas Sosial\"},"
                            + "{\"role\":\"APPROVER\",\"label\":\"Bupati/Wali Kota\"}]}"),
            // A list of a proposal that does not exist: refused whole, so the sweep never takes real ones.
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/approval-lists",
                    "{\"title\":\"Sampel\",\"proposalIds\":[\"" + MISSING_ID + "\"]}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/approval-lists/{id}/decisions",
                    "{\"version\":0,\"listSha256\":\"" + "0".repeat(64) + "\"}"),
            Map.entry("POST /api/v1/tenants/{tenantId}/approval-lists/{id}/sending", "{\"period\":\"2026-12\"}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/proposals/{id}/visits",
                    "{\"idempotencyKey\":\"" + MISSING_ID
                            + "\",\"membersPresent\":3,\"answers\":{\"lantai\":\"TANAH\"}}"),
            Map.entry(
                    "POST /api/v1/tenants/{tenantId}/delegations",
                    "{\"toUser\":\"nobody-sampled\",\"startsAt\":\"2026-12-01T00:00:00Z\","
                            + "\"endsAt\":\"2026-12-02T00:00:00Z\",\"reason\":\"Cuti\"}"));

    private static final Map<String, String[]> FILES = Map.of(
            "POST /api/v1/tenants/{tenantId}/imports", new String[] {"dtks.csv", "iddtks;kode_wilayah\n"},
            "POST /api/v1/tenants/{tenantId}/list-reconciliations", new String[] {"p3ke.csv", "nama;nomor_nik\n"},
            "POST /api/v1/tenants/{tenantId}/disbursements/reconciliations",
                    new String[] {"bni.txt", "H|BNI|20261201|0|0.00\nT|0|0.00\n"},
            "POST /api/v1/tenants/{tenantId}/ministry/{list}", new String[] {"sk.csv", "iddtks;nama\n"},
            "POST /api/v1/tenants/{tenantId}/students/imports", new String[] {"dapodik.csv", "nisn;nama;npsn\n"},
            "POST /api/v1/tenants/{tenantId}/musyawarah", new String[] {"berita-acara.pdf", "%PDF-1.4\n%%EOF\n"},
            "POST /api/v1/tenants/{tenantId}/proposals/{id}/evidence", new String[] {"akta.pdf", "%PDF-1.4\n%%EOF\n"});

    private static final Map<String, String> QUERY = Map.of(
            "bank", "BNI",
            "period", "2026-11",
            "villageCode", "74.71.01.1005",
            "heldOn", java.time.LocalDate.now().minusDays(1).toString(),
            "place", "Balai Desa",
            "attendees", "25",
            "version", "0",
            "name", "P3KE 2025");

    private Samples() {}

    /** A path parameter's value: the tenant asked for, ids of nothing, the target user. */
    static String path(String name, String tenantId, String targetUser) {
        return switch (name) {
            case "tenantId" -> tenantId;
            case "id", "exchangeId", "pullId", "clusterId", "householdId" -> MISSING_ID;
            case "username" -> targetUser;
            case "agency" -> "DUKCAPIL";
            case "list" -> "determinations";
            case "code" -> "74.71";
            case "bankCode" -> "BNI";
            case "provinceId" -> "74";
            case "role" -> "APPROVER";
            case "which" -> "evidence";
            case "period" -> "2026-11";
            case "receipt" -> "USL-7471-AAAAAAAA";
            default -> throw new IllegalStateException("No sample for the path parameter " + name);
        };
    }

    /** A required query parameter's value, or {@code null} for an optional one. */
    static String query(OpenApi.Parameter parameter) {
        String value = QUERY.get(parameter.name());
        if (value == null && parameter.required()) {
            throw new IllegalStateException("No sample for the required query parameter " + parameter.name());
        }
        return value;
    }

    /** The JSON body of the operation, unique where it creates something. */
    static String json(OpenApi.Operation operation) {
        String body = JSON.get(operation.key());
        if (body == null) {
            throw new IllegalStateException("No sample body for " + operation.key() + ": add one to Samples");
        }
        String unique = UUID.randomUUID().toString().substring(0, 8);
        // Every payment in a period of its own: a household or reference is never paid twice.
        String period =
                "20" + (10 + (int) (Math.random() * 89)) + "-" + String.format("%02d", 1 + (int) (Math.random() * 12));
        return body.replace("{unique}", unique).replace("{period}", period);
    }

    /** The file of a multipart operation: its name and content. */
    static String fileName(OpenApi.Operation operation) {
        return file(operation)[0];
    }

    static byte[] fileContent(OpenApi.Operation operation) {
        return file(operation)[1].getBytes(StandardCharsets.UTF_8);
    }

    private static String[] file(OpenApi.Operation operation) {
        String[] file = FILES.get(operation.key());
        if (file == null) {
            throw new IllegalStateException("No sample file for " + operation.key() + ": add one to Samples");
        }
        return file;
    }
}
