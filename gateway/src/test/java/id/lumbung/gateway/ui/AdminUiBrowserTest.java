package id.lumbung.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** The admin UI in a real headless Chromium. */
@MicronautTest(transactional = false)
class AdminUiBrowserTest extends BrowserTest {

    @Test
    void aProvinceAdminLogsInAndSeesTheTenantsOfSulawesiTenggara() {
        browser.open(url("/logout"));
        browser.open(url("/ui/tenants"));
        assertThat(browser.currentUrl())
                .as("an anonymous visitor is sent to the login page")
                .endsWith("/login");
        assertThat(browser.title()).isEqualTo("Masuk · Lumbung");

        browser.type("#username", "prov-74");
        browser.type("#password", PASSWORD);
        browser.click("#login-submit");
        // Until the browser has left the login page, its h1 is still "Masuk".
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.endsWith("/ui/tenants"));

        assertThat(browser.text("h1")).isEqualTo("Dinas Sosial Kabupaten/Kota");
        assertThat(browser.text("#tenants")).contains("KOTA KENDARI", "KABUPATEN KOLAKA");
    }

    @Test
    void aWrongPasswordShowsAnErrorInIndonesian() {
        browser.open(url("/logout"));
        browser.open(url("/login"));
        browser.type("#username", "admin-7471");
        browser.type("#password", "salah-sekali-123");
        browser.click("#login-submit");

        assertThat(browser.text("#login-error")).isEqualTo("Nama pengguna atau kata sandi salah.");
    }

    @Test
    void aTenantAdminUploadsAFileAndWatchesItFinish() throws Exception {
        logIn("admin-7471");
        browser.open(url("/ui/tenants/7471/impor"));
        assertThat(browser.text("h1")).isEqualTo("Impor Data DTKS");

        java.nio.file.Path file = java.nio.file.Files.createTempFile("dtks", ".csv");
        java.nio.file.Files.writeString(
                file,
                "iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;"
                        + "hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "UI1;74.71.01.1005;Jl. Layar;1;1;7471010101990077;7471011203800977;LA ODE LAYAR;KENDARI;"
                        + "12-03-1980;L;Kepala Keluarga;WA ODE;3\n"
                        + "UI1;74.71.01.1005;Jl. Layar;1;1;7471010101990077;123;WA ODE SALAH;KENDARI;"
                        + "12-03-1985;P;Istri;WA ODE;3\n");
        browser.type("#file", file.toString());
        browser.click("#upload");

        // Until the page after the upload is shown, the first row is an earlier import's: wait
        // for this file's row (the newest, first) before reading its status and counts.
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(20),
                () -> browser.text("#imports tbody tr .file"),
                file.getFileName().toString()::equals);
        String status = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(20), () -> browser.text("#imports tbody tr .status"), "Selesai"::equals);
        assertThat(status).isEqualTo("Selesai");
        assertThat(browser.text("#imports tbody tr .accepted")).isEqualTo("1");
        assertThat(browser.text("#imports tbody tr .rejected")).isEqualTo("1");

        // The import's report: its issues by line in Indonesian, a filter, the refused rows to download.
        browser.click("#imports tbody tr .file a");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10),
                browser::currentUrl,
                current -> current.matches(".*/impor/[0-9a-f-]{36}"));
        assertThat(browser.text("h1")).isEqualTo("Laporan impor " + file.getFileName());
        assertThat(browser.text("#issues")).contains("3", "nomor_nik", "Ditolak", "NIK terdiri dari 16 angka.");
        assertThat(browser.text("#refused-download")).isEqualTo("Unduh baris yang ditolak (CSV)");
        assertThat(browser.pageSource()).doesNotContain("7471011203800977");
        browser.click("#jenis option[value='peringatan']");
        browser.click("form.card button");
        // Until the filtered page is shown, the table is the unfiltered one.
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("jenis=peringatan"));
        assertThat(browser.text("#issues")).doesNotContain("NIK terdiri dari 16 angka.");
        java.nio.file.Files.deleteIfExists(file);
    }

    @Test
    void anOperatorFindsAFamilyByVillageAndByNikAndSeesItMasked() {
        // A family imported through the API, then found in the browser.
        String token = login("admin-7471");
        String head = "7471015507810977";
        var upload = postFile(
                "/api/v1/tenants/7471/imports",
                token,
                "ui-registry.csv",
                ("iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;"
                                + "hubungan_keluarga;nama_ibu_kandung;desil\n"
                                + "UIREG1;74.71.01.1007;Jl. Jendela No. 7;2;3;7471010101990078;" + head
                                + ";Hj. WA ODE JENDELA;KENDARI;15-07-1981;P;Kepala Keluarga;WA ODE;2\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String job = "/api/v1/tenants/7471/imports/" + object(upload).get("id");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(20), () -> object(get(job, token)).get("status"), "SUCCEEDED"::equals);

        logIn("admin-7471");
        browser.open(url("/ui/tenants/7471/keluarga"));
        assertThat(browser.text("h1")).startsWith("Data Keluarga");

        browser.click("#village option[value='74.71.01.1007']");
        browser.click("#list");
        assertThat(browser.text("#households")).contains("Hj. WA ODE JENDELA", "Jl. Jendela No. 7");
        assertThat(browser.text("#paging")).startsWith("Menampilkan ").contains(" keluarga dari ");
        browser.click("#households a");
        assertThat(browser.text("h1")).isEqualTo("Keluarga Hj. WA ODE JENDELA");
        assertThat(browser.text("#members")).contains("************0977", "Kepala Keluarga");
        assertThat(browser.text("#history")).contains("Keluarga dibuat", "Impor berkas", "admin-7471");
        assertThat(browser.pageSource()).doesNotContain(head);

        // By NIK: the number travels in the form body, and the answer shows it masked.
        browser.open(url("/ui/tenants/7471/keluarga"));
        browser.click("#kind option[value='nik']");
        browser.type("#query", head);
        browser.click("#search");
        assertThat(browser.text("#members")).contains("Hj. WA ODE JENDELA", "************0977");
        assertThat(browser.currentUrl()).doesNotContain(head);
        assertThat(browser.pageSource()).doesNotContain(head);

        // A malformed NIK gets an answer in Indonesian, not an error page.
        browser.click("#kind option[value='nik']");
        browser.type("#query", "12345");
        browser.click("#search");
        assertThat(browser.text("#registry-error")).isEqualTo("NIK terdiri dari 16 angka.");
    }

    @jakarta.inject.Inject
    id.lumbung.core.connector.ConnectorControl connectorControl;

    @Test
    void anOperatorSeesTheConnectorsAndResumesOnePausedForItsTenant() {
        connectorControl.pause(
                "7401",
                "DUKCAPIL",
                id.lumbung.core.connector.ConnectorControl.PauseReason.CONFIGURATION,
                "Dukcapil rejected our access (code 03): Login Gagal",
                null);
        logIn("admin-7401");
        browser.open(url("/ui/konektor"));

        assertThat(browser.text("h1")).isEqualTo("Konektor Instansi");
        assertThat(browser.text("section[data-agency='DUKCAPIL'] .breaker")).isEqualTo("Normal");
        assertThat(browser.text("section[data-agency='DUKCAPIL'] tr[data-tenant='7401'] .paused"))
                .isEqualTo("Ditolak: periksa akun/IP, lalu lanjutkan");
        assertThat(browser.pageSource()).doesNotContain("data-tenant=\"7471\"");

        browser.click("section[data-agency='DUKCAPIL'] tr[data-tenant='7401'] button.resume");
        assertThat(id.lumbung.core.testing.Eventually.await(
                        java.time.Duration.ofSeconds(10),
                        () -> connectorControl.pauseOf("7401", "DUKCAPIL"),
                        java.util.Optional::isEmpty))
                .isEmpty();
        assertThat(browser.currentUrl()).endsWith("/ui/konektor");
    }

    @jakarta.inject.Inject
    id.lumbung.simulators.dukcapil.DukcapilSimulator dukcapil;

    @jakarta.inject.Inject
    id.lumbung.simulators.kemensos.KemensosSimulator ministry;

    @Override
    protected java.util.Map<String, String> extraProperties() {
        return with(KENDARI_SCHOOL);
    }

    @Test
    void anOperatorVerifiesAVillageAgainstDukcapilAndSeesOnlyWhatDiffers() {
        // Dukcapil knows her as SITTI RAHMAH, born in Kendari; the registry misspells the name.
        dukcapil.register(new id.lumbung.simulators.dukcapil.CivilRecord(
                "7471014708880007", "7471010808080007", "SITTI RAHMAH", "KENDARI", "07-08-1988", "PEREMPUAN", false));
        String family = "iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                + "VUI1;74.71.01.1008;Jl. Verifikasi;1;1;7471010808080007;7471014708880007;SITI RAHMA;KENDARI;"
                + "07-08-1988;P;Kepala Keluarga;WA ODE;2\n";
        String token = login("admin-7471");
        importFile("7471", token, "v.csv", family);

        logIn("admin-7471");
        browser.open(url("/ui/tenants/7471/verifikasi"));
        assertThat(browser.text("h1")).isEqualTo("Verifikasi ke Dukcapil");
        browser.type("#village", "74.71.01.1008");
        browser.click("#start-verification");
        // Wait for the form's redirect to the batch, so reloading cannot cut the submission short.
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("batch="));

        String row;
        try {
            row = id.lumbung.core.testing.Eventually.await(
                    java.time.Duration.ofSeconds(30),
                    () -> {
                        browser.open(browser.currentUrl());
                        return browser.pageSource().contains("SITI RAHMA") ? browser.text("#differences") : "";
                    },
                    text -> text.contains("SITI RAHMA"));
        } catch (AssertionError e) {
            throw new AssertionError(
                    "queues " + connectorControl.queues(java.util.List.of("7471", "7401")) + " page "
                            + browser.text("main"),
                    e);
        }
        assertThat(row).contains("************0007", "Ditemukan", "nama").doesNotContain("7471014708880007");
        assertThat(browser.pageSource()).doesNotContain("7471014708880007");
    }

    @Test
    void anAdminSynchronisesAVillageAndSeesWhatWaitsForAPerson() {
        // A son of 21 without a NIK: the synchronisation settles nothing for him, he waits for his KTP.
        String family = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                + "SUI1;SUI1-1;74.71.04.1005;Jl. Sinkron;1;1;7471030808080008;7471030808700008;LA SINKRON;KENDARI;"
                + "08-08-1970;L;Kepala Keluarga;WA ODE;2\n"
                + "SUI1;SUI1-2;74.71.04.1005;Jl. Sinkron;1;1;7471030808080008;;LA ODE DEWASA;KENDARI;"
                + "02-02-2004;L;Anak;WA ODE;2\n";
        String token = login("admin-7471");
        importFile("7471", token, "s.csv", family);

        logIn("admin-7471");
        browser.open(url("/ui/tenants"));
        browser.click("a[href='/ui/tenants/7471/sinkron']");
        assertThat(browser.text("h1")).isEqualTo("Sinkronisasi dengan Dukcapil");
        browser.type("#village", "74.71.04.1005");
        browser.click("#start-sync");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("run="));
        String items = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(20),
                () -> {
                    browser.open(browser.currentUrl());
                    return browser.pageSource().contains("LA ODE DEWASA") ? browser.text("#items") : "";
                },
                text -> text.contains("LA ODE DEWASA"));
        assertThat(items).contains("Sudah dewasa tetapi belum ber-NIK", "Perlu perekaman KTP-el");
        assertThat(browser.text("#outcomes")).contains("Perlu perekaman KTP-el: 1");
        assertThat(browser.pageSource()).doesNotContain("7471030808700008");

        browser.click("#tab-resolved");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("status=selesai"));
        assertThat(browser.text("#selected")).contains("Tidak ada data di sini.");
    }

    @Test
    void anAdminFindsAPersonListedTwiceSeesWhyMergesAndUndoes() {
        // A regency of its own (Kab. Kolaka Utara): its whole registry is this file.
        String admin = regencyOfItsOwn("74.08", "ganda-7408");
        importFile(
                "7408",
                admin,
                "lasusua.csv",
                "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                        + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "LSS1;LSS1-1;74.08.01.1001;Jl. Ganda;1;1;7408010101100001;7408015506800001;SITI RAHMAWATI;LASUSUA;"
                        + "15-06-1980;P;Kepala Keluarga;WA ODE;2\n"
                        + "LSS2;LSS2-1;74.08.01.2002;Jl. Pantai;2;1;7408010202200002;7408015506080001;HJ. SITTI RAHMAWATI;"
                        + "LASUSUA;15-06-1980;P;Kepala Keluarga;WA ODE;1\n"
                        + "LSS3;LSS3-1;74.08.01.1001;Jl. Ganda;3;1;7408010303300003;7408010707750003;LA BAKRI;LASUSUA;"
                        + "07-07-1975;L;Kepala Keluarga;WA ANI;3\n");

        logIn("ganda-7408");
        browser.open(url("/ui/tenants"));
        browser.click("a[href='/ui/tenants/7408/ganda']");
        assertThat(browser.text("h1")).isEqualTo("Data ganda: orang yang sama tercatat lebih dari sekali");
        browser.click("#start-duplicates");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("run="));
        String found = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(20),
                () -> {
                    browser.open(browser.currentUrl());
                    return browser.text("#stage").equals("selesai") ? browser.text("#selected") : "";
                },
                text -> !text.isEmpty());
        assertThat(found)
                .contains("SITI RAHMAWATI", "HJ. SITTI RAHMAWATI", "dua angka bertukar")
                .doesNotContain("LA BAKRI");
        assertThat(browser.pageSource()).doesNotContain("7408015506800001").doesNotContain("7408015506080001");
        assertThat(browser.text("#found")).isEqualTo("1");

        browser.click("button.merge");
        String merged = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), () -> browser.text("#selected"), text -> text.contains("Digabung"));
        assertThat(merged).contains("(dipertahankan)", "(digabung)");
        browser.click("button.undo");
        String undone = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10),
                () -> browser.text("#selected"),
                text -> text.contains("Belum diputuskan"));
        assertThat(undone).doesNotContain("(digabung)");
        browser.click("#tab-review");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("jenis=periksa"));
        assertThat(browser.text("#selected")).contains("Tidak ada data ganda di sini.");
    }

    @Test
    void aProvinceAdminFindsAPersonRegisteredInTwoCitiesAndSaysTheyAreOne() {
        // Sulawesi Utara of its own: Kota Manado and Kota Bitung both list Yohana Lumi.
        String head = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";
        String manado = regencyOfItsOwn("71.71", "ganda-7171");
        importFile(
                "7171",
                manado,
                "manado.csv",
                head
                        + "MDO1;MDO1-1;71.71.01.1001;Jl. Molas;1;1;7171010101100001;7171014809850001;YOHANA LUMI;MANADO;"
                        + "08-09-1985;P;Kepala Keluarga;MARIA;1\n");
        String bitung = regencyOfItsOwn("71.72", "ganda-7172");
        importFile(
                "7172",
                bitung,
                "bitung.csv",
                head
                        + "BTG1;BTG1-1;71.72.01.1001;Jl. Pelabuhan;2;1;7172010202200001;7171014809850001;YOHANA LUMY;MANADO;"
                        + "08-09-1985;P;Kepala Keluarga;MARIA;1\n"
                        + "BTG2;BTG2-1;71.72.01.1001;Jl. Pelabuhan;3;1;7172010202200002;7172011003700002;FRANS TUMBEL;BITUNG;"
                        + "10-03-1970;L;Kepala Keluarga;AGUSTINA;2\n");
        var province = postJson(
                "/api/v1/provinces/71/users",
                login("admin"),
                "{\"username\":\"prov-71\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"PROVINCE_ADMIN\"]}");
        assertThat(province.statusCode()).as(province.body()).isEqualTo(201);

        logIn("prov-71");
        browser.open(url("/ui/tenants"));
        browser.click("#across");
        assertThat(browser.text("h1"))
                .isEqualTo("Data ganda antarkabupaten/kota: orang yang sama terdaftar di dua tempat");
        browser.click("#start-across");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("run="));
        String found = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(30),
                () -> {
                    browser.open(browser.currentUrl());
                    return browser.text("#stage").equals("selesai") ? browser.text("#selected") : "";
                },
                text -> !text.isEmpty());
        assertThat(found)
                .contains("YOHANA LUMI", "YOHANA LUMY", "KOTA MANADO", "KOTA BITUNG")
                .doesNotContain("FRANS TUMBEL");
        assertThat(browser.pageSource()).doesNotContain("7171014809850001");
        assertThat(browser.text("#found")).isEqualTo("1");

        browser.click("button.same");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10),
                () -> browser.text("#selected"),
                text -> text.contains("Orang yang sama, tercatat di dua kabupaten/kota"));
        browser.click("button.undo");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10),
                () -> browser.text("#selected"),
                text -> text.contains("Belum diputuskan"));
        // A city's admin has no such page: the list offers no link, the page answers in Indonesian.
        logIn("ganda-7171");
        browser.open(url("/ui/tenants"));
        assertThat(browser.pageSource()).doesNotContain("id=\"across\"");
    }

    @Test
    void anAdminSetsTheP3keListBesideTheRegistryAndSeesWhoIsWhere() throws Exception {
        // Kab. Polewali Mandar of its own: two families; the list names one of them and a newcomer.
        String admin = regencyOfItsOwn("76.04", "cocok-7604");
        importFile(
                "7604",
                admin,
                "polman.csv",
                "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                        + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "PLM1;PLM1-1;76.04.01.1001;Jl. Sungai;1;1;7604010101100001;7604011505700001;MUH. RIDWAN;POLEWALI;"
                        + "15-05-1970;L;Kepala Keluarga;CACCE;2\n"
                        + "PLM2;PLM2-1;76.04.01.1001;Jl. Sungai;2;1;7604010101100002;7604015808800002;HASNIAH;POLEWALI;"
                        + "18-08-1980;P;Kepala Keluarga;BECCE;3\n");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("p3ke", ".csv");
        java.nio.file.Files.writeString(
                file,
                "nama;nomor_nik;tanggal_lahir;jenis_kelamin;kode_wilayah;desil\n"
                        + "MUHAMMAD RIDWAN;7604011505700001;15-05-1970;L;76.04.01.1001;4\n"
                        + "ANDI PENDATANG;7604012002950003;20-02-1995;L;76.04.01.1001;1\n"
                        + "BARIS RUSAK;;;P;76.04.01.1001;1\n");

        logIn("cocok-7604");
        browser.open(url("/ui/tenants"));
        browser.click("a[href='/ui/tenants/7604/cocokkan']");
        assertThat(browser.text("h1")).isEqualTo("Cocokkan daftar lain dengan DTKS");
        browser.type("#list-name", "P3KE 2025");
        browser.type("#list-file", file.toString());
        browser.click("#start-reconcile");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), browser::currentUrl, current -> current.contains("id="));
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(30),
                () -> {
                    browser.open(browser.currentUrl());
                    return browser.text("#stage");
                },
                "selesai"::equals);
        assertThat(browser.text("#both")).isEqualTo("1");
        assertThat(browser.text("#desil")).isEqualTo("1");
        assertThat(browser.text("#only-here")).isEqualTo("1");
        assertThat(browser.text("#only-there")).isEqualTo("1");
        assertThat(browser.text("#rejected")).isEqualTo("1");
        assertThat(browser.text("#items")).contains("MUHAMMAD RIDWAN", "MUH. RIDWAN");
        assertThat(browser.text("#issues")).contains("4", "tanggal lahir");
        assertThat(browser.pageSource()).doesNotContain("7604011505700001");
        browser.click("#tab-dtks");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10), () -> browser.text("#items"), text -> text.contains("HASNIAH"));
        browser.click("#tab-daftar");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10),
                () -> browser.text("#items"),
                text -> text.contains("ANDI PENDATANG"));
    }

    @Test
    void anOperatorFollowsPaymentsUntilTheBankHasAnswered() {
        String token = login("admin-7471");
        var submitted = postJson(
                "/api/v1/tenants/7471/disbursements",
                token,
                "{\"payments\":[{\"bankCode\":\"BNI\",\"programme\":\"PKH\",\"period\":\"2026-10\","
                        + "\"accountNo\":\"5551234567\",\"beneficiaryName\":\"WA ODE LAYAR\",\"amount\":750000}]}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String payment = String.valueOf(array(submitted).get(0).get("id"));

        logIn("admin-7471");
        browser.open(url("/ui/tenants/7471/penyaluran"));
        assertThat(browser.text("h1")).isEqualTo("Penyaluran Bantuan");
        String status = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(30),
                () -> {
                    browser.open(url("/ui/tenants/7471/penyaluran"));
                    return browser.text("tr[data-payment='" + payment + "'] .status");
                },
                "Berhasil"::equals);
        assertThat(status).isEqualTo("Berhasil");
        assertThat(browser.text("tr[data-payment='" + payment + "'] .amount")).contains("750.000");
        assertThat(browser.pageSource()).doesNotContain("5551234567");
    }

    @Test
    void anOperatorPullsTheSchoolsAndFetchesTheMinistrysFilesWithoutDownloadingByHand() {
        logIn("admin-7471");
        browser.open(url("/ui/tenants/7471/pertukaran"));
        assertThat(browser.text("h1")).isEqualTo("Dapodik dan Kemensos");

        submitAndWaitForANewRow("#pull-students", "data-pull=");
        String pulled = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(30),
                () -> {
                    browser.open(url("/ui/tenants/7471/pertukaran"));
                    return browser.text("#pulls tbody tr .status");
                },
                "Selesai"::equals);
        assertThat(pulled).isEqualTo("Selesai");
        assertThat(browser.text("#pulls tbody tr .students")).isEqualTo("240");

        // A file of its own: other tests of this JVM may have imported the demo's already.
        String name = "PENETAPAN_7471_2026-07_" + java.util.UUID.randomUUID() + ".csv";
        ministry.offer(
                "7471",
                name,
                "PENETAPAN",
                "2026-07",
                "iddtks;id_art;nomor_nik;nama;program;desil\r\nUIK1;UIK1-01;;WA ODE LAYAR;PKH;1\r\n");
        submitAndWaitForANewRow("#fetch-ministry", "data-exchange=");
        String fetched = id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(30),
                () -> {
                    browser.open(url("/ui/tenants/7471/pertukaran"));
                    return browser.text("#exchanges tbody tr .status");
                },
                "Selesai"::equals);
        assertThat(fetched).isEqualTo("Selesai");
        assertThat(browser.text("#exchanges tbody tr .outcome"))
                .contains(name + " (penetapan 2026-07): 1 baris, 1 baru/berubah");

        browser.type("#period", "2026-13");
        browser.click("#send-proposals");
        assertThat(browser.text("#exchange-error")).isEqualTo("Periode ditulis tahun-bulan, misalnya 2026-12.");
    }

    /** Submits a form and waits for its redirected page to list one row more, so reloading cannot cut it short. */
    private void submitAndWaitForANewRow(String button, String rowMarker) {
        int before = browser.pageSource().split(rowMarker, -1).length;
        browser.click(button);
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(10),
                () -> browser.pageSource().split(rowMarker, -1).length,
                after -> after > before);
    }
}
