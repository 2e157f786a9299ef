package id.lumbung.core.civilsync;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Statistics;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.registry.ImportIssue;
import id.lumbung.core.registry.ImportService;
import id.lumbung.core.registry.NameKey;
import id.lumbung.core.registry.RefusedRows;
import id.lumbung.core.tenant.TenantVillages;
import id.lumbung.core.workflow.LifeEvents;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronisation of the registry with Dukcapil, as Kendari needs it: thousands of records out of
 * sync and an agency that answers 50 requests a second. Asking about every member would take
 * half an hour per 100,000; so the registry is read locally first, and only what is suspect is
 * asked (CALL_NIK: the values are needed to correct), each NIK that disagrees with its own record
 * together with the NIKs two swapped digits away that would agree. Each answer either resolves
 * its item — the registry corrected to Dukcapil's NIK, spelling or birth date, with its history —
 * or leaves it waiting for a person with the fields that differ side by side; what no call can
 * settle (an adult without a NIK, a family without a living head, a line the import refused)
 * waits from the start, a deceased head with the proposal that carries the family over.
 */
@Singleton
public final class CivilSyncService {
    public static final String AGENCY = "DUKCAPIL";
    public static final String KIND = "CIVIL_SYNC";

    /** The name similarity (1 − edits / length, titles aside) at which a NIK's answer is the same person. */
    static final double SAME_PERSON = 0.85;

    /**
     * The similarity at which a spelling is corrected to Dukcapil's without a person looking (NIK,
     * birth date, sex and KK agreeing); one letter is a slip whatever the length ("SRN" for SRI).
     */
    static final double SPELLING_SLIP = 0.8;

    static final int ADULT = 17;

    /** The most members one run reads at once (a regency of ~300,000 people; larger ones go by village). */
    public static final int MAXIMUM_MEMBERS = 400_000;

    private static final Logger LOG = LoggerFactory.getLogger(CivilSyncService.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final IdentifierProtection protection;
    private final Statistics statistics;
    private final TenantVillages villages;
    private final LifeEvents lifeEvents;
    private final CivilSyncRows rows;
    private final JsonMapper json;
    private final ImportService imports;

    CivilSyncService(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            Outbox outbox,
            IdentifierProtection protection,
            Statistics statistics,
            TenantVillages villages,
            LifeEvents lifeEvents,
            CivilSyncRows rows,
            JsonMapper json,
            ImportService imports) {
        this.imports = imports;
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.protection = protection;
        this.statistics = statistics;
        this.villages = villages;
        this.lifeEvents = lifeEvents;
        this.rows = rows;
        this.json = json;
    }

    /** What one outbox message asks Dukcapil: a NIK, encrypted for the tenant. */
    @Serdeable
    record Ask(String nikEncrypted) {
        @Override
        public String toString() {
            return "Ask[]";
        }
    }

    /**
     * Reads the registry (or one village) and asks Dukcapil about what it suspects; answers the
     * run with its first counts. One run of a tenant asks at a time ({@code civil_sync_running}).
     */
    public CivilSync start(Caller caller, String tenantId, String village) {
        Authorizer.Grant grant = access.grant(caller, Permission.VERIFICATION_RUN, tenantId);
        String villageCode = villages.optional(grant.tenant(), village);
        grant.reach().requireWhole(villageCode, "Synchronise");
        UUID sync = UUID.randomUUID();
        LocalDate today = LocalDate.now(JAKARTA);
        // A start refused for a run still asking reads and audits no refused rows; the check is
        // made again under the lock, where it decides.
        requireNoneAsking(tenantId, transactions.inTenant(tenantId, connection -> rows.asking(tenantId)));
        Map<Long, CivilSync.Difference> repairs = villageCode == null ? repairs(caller, tenantId) : Map.of();
        int asked = transactions.inTenant(tenantId, connection -> {
            rows.lockTenant(tenantId);
            if (villageCode == null && rows.memberCount(tenantId) > MAXIMUM_MEMBERS) {
                throw new LumbungException(
                        ErrorCode.VERIFICATION_TOO_LARGE,
                        "Synchronise at most " + MAXIMUM_MEMBERS + " members at once: one village at a time");
            }
            requireNoneAsking(tenantId, rows.asking(tenantId));
            Map<String, Integer> words = new HashMap<>();
            rows.wordCounts(tenantId).forEach(count -> words.put(count.word(), count.members()));
            String only = villageCode == null ? "" : villageCode;
            List<CivilSyncRows.Living> living = rows.living(tenantId, only);
            CivilTriage triage = new CivilTriage(
                    Set.copyOf(rows.districts()), words, words.isEmpty() ? 0 : rows.memberCount(tenantId));
            List<CivilSyncItemRow> items = new ArrayList<>();
            Map<UUID, List<String>> asks = new LinkedHashMap<>();
            for (CivilSyncRows.Living member : living) {
                triage(tenantId, sync, triage, member, today, items, asks);
            }
            for (CivilSyncRows.Headless household : rows.headless(tenantId, only)) {
                headless(tenantId, sync, household, items);
            }
            if (villageCode == null) {
                for (CivilSyncRows.Refused refused : rows.refusedByLastImport(tenantId)) {
                    boolean copy = "duplicate_row".equals(refused.code());
                    items.add(CivilSyncItemRow.settled(
                            tenantId,
                            sync,
                            null,
                            null,
                            null,
                            refused.line(),
                            null,
                            null,
                            refused.code(),
                            copy ? CivilSyncItemRow.RESOLVED : CivilSyncItemRow.WAITING,
                            copy ? "copy_dropped" : "refused_at_import",
                            differences(refusal(refused, repairs.get(refused.line()))),
                            null));
                }
            }
            rows.open(tenantId, sync, only, living.size(), caller.username());
            rows.saveAll(items);
            int calls = 0;
            for (Map.Entry<UUID, List<String>> ask : asks.entrySet()) {
                for (String nik : ask.getValue()) {
                    outbox.append(
                            connection,
                            tenantId,
                            AGENCY,
                            KIND,
                            ask.getKey(),
                            toJson(new Ask(protection.encrypt(tenantId, nik))));
                    calls++;
                }
            }
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "CIVIL_SYNC_START",
                    (villageCode == null ? "registry" : villageCode) + ": " + living.size() + " members, "
                            + items.size() + " out of sync, " + calls + " questions to Dukcapil",
                    List.of("nik", "kk", "full_name", "birth_date", "sex"),
                    "OK");
            return calls;
        });
        if (asked >= 500) {
            statistics.refresh(tenantId, "civil_sync_item", "outbox");
        }
        LOG.info("Civil sync {} of tenant {}: {} questions to Dukcapil", sync, tenantId, asked);
        return find(caller, tenantId, sync);
    }

    /** Why a line was refused, and the repair its own cells suggest, if any. */
    private static List<CivilSync.Difference> refusal(CivilSyncRows.Refused refused, CivilSync.Difference repair) {
        // In the operator's words, as the import page says it.
        String text = new ImportIssue(
                        refused.line(),
                        refused.columnName(),
                        ImportIssue.Severity.ERROR,
                        refused.code(),
                        refused.message())
                .indonesian();
        CivilSync.Difference why =
                new CivilSync.Difference(refused.columnName() == null ? "row" : refused.columnName(), text, null);
        return repair == null ? List.of(why) : List.of(why, repair);
    }

    private static void requireNoneAsking(String tenantId, long asking) {
        if (asking > 0) {
            throw new LumbungException(
                    ErrorCode.CIVIL_SYNC_RUNNING, "A synchronisation of this registry is still asking Dukcapil");
        }
    }

    /**
     * What the last import's refused rows suggest of their own repair, by line: a birth date that
     * is no date while the NIK holds one of the same year; a NIK that breaks its rules while two
     * neighbouring digits swapped would agree with the row's birth date and sex. Read only when
     * the caller may read the refused rows (who uploaded them, or who may read full NIKs).
     */
    private Map<Long, CivilSync.Difference> repairs(Caller caller, String tenantId) {
        UUID last = transactions
                .inTenant(tenantId, connection -> rows.lastImport(tenantId))
                .orElse(null);
        // Who may not see imports (a tenant may take IMPORT_RUN from a role) gets no suggestions, not a 403.
        if (last == null
                || !access.permits(caller, Permission.IMPORT_RUN, tenantId)
                || !imports.mayReadRefusedRows(caller, tenantId, imports.status(caller, tenantId, last))) {
            return Map.of();
        }
        RefusedRows refused = imports.refusedRows(caller, tenantId, last);
        if (refused.header() == null) {
            return Map.of();
        }
        int nikAt = column(refused.header(), RegistryField.NOMOR_NIK);
        int bornAt = column(refused.header(), RegistryField.TANGGAL_LAHIR);
        int sexAt = column(refused.header(), RegistryField.JENIS_KELAMIN);
        if (nikAt < 0 || bornAt < 0) {
            return Map.of();
        }
        Map<Long, CivilSync.Difference> repairs = new HashMap<>();
        CivilTriage shapes = new CivilTriage(Set.of(), Map.of(), 0);
        for (RefusedRows.Row row : refused.rows()) {
            if (row.fields().size() <= Math.max(nikAt, Math.max(bornAt, sexAt))) {
                continue;
            }
            String nik = row.fields().get(nikAt).strip();
            String born = row.fields().get(bornAt).strip();
            String sex = sexAt < 0 ? null : CivilTriage.sex(row.fields().get(sexAt));
            CivilSync.Difference repair = CivilTriage.birthDateFromNik(nik, born)
                    .map(date -> new CivilSync.Difference(
                            RegistryField.TANGGAL_LAHIR.header(), born, null, date.format(DATE) + " (menurut NIK)"))
                    .orElse(null);
            if (repair == null) {
                LocalDate date = CivilTriage.date(born);
                List<String> swaps = date == null ? List.of() : shapes.candidates(nik, date, sex);
                if (swaps.size() == 1 && !swaps.get(0).equals(nik)) {
                    int at = CivilTriage.firstDifference(nik, swaps.get(0));
                    repair = new CivilSync.Difference(
                            RegistryField.NOMOR_NIK.header(),
                            Nik.mask(nik),
                            null,
                            "angka ke-" + (at + 1) + " dan ke-" + (at + 2) + " mungkin tertukar");
                }
            }
            if (repair != null) {
                repairs.put(row.line(), repair);
            }
        }
        return repairs;
    }

    private static int column(List<String> header, RegistryField field) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(field.header())) {
                return i;
            }
        }
        return -1;
    }

    /** One living member: settled on the spot, asked about, or left alone. */
    private void triage(
            String tenantId,
            UUID sync,
            CivilTriage triage,
            CivilSyncRows.Living member,
            LocalDate today,
            List<CivilSyncItemRow> items,
            Map<UUID, List<String>> asks) {
        if (member.nikEncrypted() == null) {
            if (member.birthDate() != null
                    && Period.between(member.birthDate(), today).getYears() >= ADULT) {
                items.add(item(
                        tenantId,
                        sync,
                        member,
                        "nik_missing_adult",
                        CivilSyncItemRow.WAITING,
                        "needs_ktp",
                        List.of(new CivilSync.Difference(
                                "nik",
                                "belum ada (umur "
                                        + Period.between(member.birthDate(), today)
                                                .getYears() + " tahun)",
                                null))));
            }
            return;
        }
        String nik = protection.decrypt(tenantId, member.nikEncrypted());
        if (!triage.agrees(nik, member.birthDate(), member.sex())) {
            List<String> candidates = triage.candidates(nik, member.birthDate(), member.sex());
            List<CivilSync.Difference> why = List.of(disagreement(nik, member.birthDate(), member.sex()));
            if (candidates.isEmpty()) {
                items.add(item(tenantId, sync, member, "nik_disagrees", CivilSyncItemRow.WAITING, "nik_invalid", why));
                return;
            }
            CivilSyncItemRow asking = item(tenantId, sync, member, "nik_disagrees", CivilSyncItemRow.ASKING, null, why)
                    .asking(candidates.size());
            items.add(asking);
            asks.put(asking.id(), candidates);
            return;
        }
        if (triage.oddlySpelt(member.nameKey())) {
            CivilSyncItemRow asking = item(
                            tenantId, sync, member, "name_oddly_spelt", CivilSyncItemRow.ASKING, null, List.of())
                    .asking(1);
            items.add(asking);
            asks.put(asking.id(), List.of(nik));
        }
    }

    /** What in the NIK disagrees with the record, without showing the NIK. */
    private static CivilSync.Difference disagreement(String nik, LocalDate born, String sex) {
        List<String> parts = new ArrayList<>();
        if (nik.length() != 16) {
            parts.add(nik.length() + " angka, bukan 16");
        } else {
            // The NIK's own date digits are not quoted: with the masked NIK and the village they
            // would give the whole number back to someone who may not read it.
            int day = Integer.parseInt(nik.substring(6, 8));
            String written =
                    String.format(Locale.ROOT, "%02d-%s-%s", day % 40, nik.substring(8, 10), nik.substring(10, 12));
            if (born != null && !written.equals(born.format(DateTimeFormatter.ofPattern("dd-MM-yy")))) {
                parts.add("tanggal lahir di NIK (angka 7-12) tidak sama dengan tanggal lahir di data "
                        + born.format(DATE));
            }
            if (sex != null && (day > 40) != "P".equals(sex)) {
                parts.add("jenis kelamin di NIK " + (day > 40 ? "P" : "L") + ", di data " + sex);
            }
            if (parts.isEmpty()) {
                parts.add("kode wilayah atau bentuk NIK tidak dikenal");
            }
        }
        return new CivilSync.Difference("nik", Nik.mask(nik) + ": " + String.join("; ", parts), null);
    }

    private CivilSyncItemRow item(
            String tenantId,
            UUID sync,
            CivilSyncRows.Living member,
            String reason,
            String state,
            String outcome,
            List<CivilSync.Difference> differences) {
        return CivilSyncItemRow.settled(
                tenantId,
                sync,
                member.id(),
                member.householdId(),
                member.villageCode(),
                null,
                member.fullName(),
                member.nikMasked(),
                reason,
                state,
                outcome,
                differences(differences),
                null);
    }

    /** A family with no living head, several, or no one left: no call settles it, a person does. */
    private void headless(String tenantId, UUID sync, CivilSyncRows.Headless household, List<CivilSyncItemRow> items) {
        String reason;
        String outcome;
        UUID proposal = null;
        if (household.living() == 0 && household.moved() == 0) {
            if (household.deceasedHead() == null) {
                return; // no one alive, no head: nothing a synchronisation can name
            }
            reason = "household_deceased";
            proposal = lifeEvents.diedInRegistry(tenantId, household.deceasedHead());
            outcome = proposal == null ? "removal_open" : "removal_proposed";
        } else if (household.living() == 0) {
            reason = "household_moved";
            outcome = "needs_removal_or_transfer";
        } else if (household.livingHeads() > 1) {
            reason = "several_heads";
            outcome = "needs_one_head";
        } else if (household.deceasedHead() != null) {
            reason = "head_deceased";
            outcome = "carry_over_proposed";
            proposal = lifeEvents.diedInRegistry(tenantId, household.deceasedHead());
            if (proposal == null) {
                outcome = "carry_over_open";
            }
        } else {
            reason = "household_without_head";
            outcome = "needs_head";
        }
        items.add(CivilSyncItemRow.settled(
                tenantId,
                sync,
                household.deceasedHead(),
                household.householdId(),
                household.villageCode(),
                null,
                household.headName(),
                null,
                reason,
                CivilSyncItemRow.WAITING,
                outcome,
                differences(List.of(new CivilSync.Difference(
                        "head",
                        household.livingHeads() + " kepala keluarga hidup, " + household.living() + " anggota hidup, "
                                + household.moved() + " pindah",
                        null))),
                proposal));
    }

    /** The NIK an outbox message asks about, decrypted for the connector's call only. */
    public String nikToAsk(OutboxMessage message) {
        try {
            return protection.decrypt(
                    message.tenantId(),
                    json.readValue(message.payload(), Ask.class).nikEncrypted());
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable civil sync payload in outbox message " + message.id(), e);
        }
    }

    /**
     * Keeps Dukcapil's answer about one NIK, once (a redelivered answer changes nothing): the item
     * is resolved, waits for a person, or waits for its other questions.
     */
    public boolean record(OutboxMessage message, CivilBiodata answer) {
        String tenantId = message.tenantId();
        String asked = nikToAsk(message);
        return transactions.inTenant(tenantId, connection -> {
            if (!outbox.complete(connection, tenantId, message.id())) {
                return false;
            }
            CivilSyncItemRow item = rows.lock(tenantId, message.aggregateId()).orElse(null);
            if (item == null || !CivilSyncItemRow.ASKING.equals(item.state())) {
                return true; // settled by another answer already
            }
            CivilSyncRows.Current member =
                    rows.current(tenantId, item.memberId()).orElse(null);
            if (member == null) {
                rows.settle(tenantId, item.id(), CivilSyncItemRow.WAITING, "member_gone", 0, item.differences(), null);
                return true;
            }
            settle(tenantId, item, member, asked, answer);
            return true;
        });
    }

    private void settle(
            String tenantId, CivilSyncItemRow item, CivilSyncRows.Current member, String asked, CivilBiodata answer) {
        String stored = member.nikEncrypted() == null ? null : protection.decrypt(tenantId, member.nikEncrypted());
        boolean isStored = asked.equals(stored);
        List<CivilSync.Difference> differing = compare(tenantId, member, answer);
        double similarity = answer.known()
                ? CivilTriage.similarity(NameKey.of(member.fullName()), NameKey.of(answer.fullName()))
                : 0;
        boolean sameBirth = answer.known()
                && (member.birthDate() == null || member.birthDate().equals(answer.birthDate()))
                && (member.sex() == null || answer.sex() == null || member.sex().equals(answer.sex()));
        int pending = item.pending() - 1;
        String outcome = null;
        List<CivilSync.Difference> shown = new ArrayList<>(readDifferences(item.differences()));
        if ("nik_disagrees".equals(item.reason())) {
            if (answer.known() && !isStored && similarity >= SAME_PERSON && sameBirth) {
                String index = protection.blindIndex(asked);
                shown.add(new CivilSync.Difference("nik", Nik.mask(stored), Nik.mask(asked)));
                if (rows.othersWithNik(tenantId, index, member.id()) > 0) {
                    outcome = "nik_of_another_member";
                } else {
                    rows.correctNik(tenantId, member.id(), protection.encrypt(tenantId, asked), index, Nik.mask(asked));
                    rows.history(tenantId, member.id(), "nik", "NIK disesuaikan dengan Dukcapil (dua angka tertukar)");
                    outcome = "nik_corrected";
                }
            } else if (answer.known() && isStored && similarity >= SAME_PERSON && answer.birthDate() != null) {
                if (!sameBirth) {
                    shown.addAll(differing.stream()
                            .filter(d ->
                                    d.field().equals("birth_date") || d.field().equals("sex"))
                            .toList());
                    rows.correctBirth(
                            tenantId,
                            member.id(),
                            answer.birthDate(),
                            answer.sex() == null ? member.sex() : answer.sex());
                    rows.history(
                            tenantId,
                            member.id(),
                            "birth_date,sex",
                            "Tanggal lahir/jenis kelamin sesuai Dukcapil dan NIK");
                    outcome = "birth_corrected";
                } else {
                    outcome = "in_sync";
                }
            } else if (isStored) {
                shown.addAll(
                        answer.known()
                                ? differing
                                : List.of(new CivilSync.Difference("nik", Nik.mask(stored), "tidak ditemukan")));
            }
        } else if (!answer.known()) {
            shown.add(new CivilSync.Difference("nik", Nik.mask(asked), "tidak ditemukan"));
            outcome = "not_found";
        } else if (differing.isEmpty()) {
            outcome = "in_sync";
        } else if (differing.size() == 1
                && differing.get(0).field().equals("name")
                && (similarity >= SPELLING_SLIP
                        || CivilTriage.distance(NameKey.of(member.fullName()), NameKey.of(answer.fullName())) == 1)) {
            shown.addAll(differing);
            rows.correctName(tenantId, member.id(), answer.fullName(), NameKey.of(answer.fullName()));
            if ("KEPALA_KELUARGA".equals(member.relationship())) {
                rows.correctHeadName(tenantId, member.householdId(), member.fullName(), answer.fullName());
            }
            rows.history(tenantId, member.id(), "full_name", "Ejaan nama disesuaikan dengan Dukcapil");
            outcome = "name_corrected";
        } else {
            shown.addAll(differing);
            outcome = "differs";
        }
        UUID proposal = null;
        if (outcome != null && "DECEASED".equals(answer.result())) {
            List<UUID> proposed = lifeEvents.fromDukcapil(tenantId, member.id(), "DECEASED", List.of());
            proposal = proposed.isEmpty() ? null : proposed.get(0);
            shown.add(new CivilSync.Difference("status", "hidup", "meninggal"));
            outcome = "deceased";
        } else if ("differs".equals(outcome)) {
            List<UUID> proposed = lifeEvents.fromDukcapil(
                    tenantId,
                    member.id(),
                    answer.result(),
                    differing.stream().map(CivilSync.Difference::field).toList());
            proposal = proposed.isEmpty() ? null : proposed.get(0);
        }
        if (outcome == null && pending == 0) {
            outcome = shown.stream().anyMatch(d -> "tidak ditemukan".equals(d.dukcapil())) ? "not_found" : "differs";
        }
        String state = outcome == null
                ? CivilSyncItemRow.ASKING
                : RESOLVED_OUTCOMES.contains(outcome) ? CivilSyncItemRow.RESOLVED : CivilSyncItemRow.WAITING;
        rows.settle(tenantId, item.id(), state, outcome, outcome == null ? pending : 0, differences(shown), proposal);
    }

    /** Outcomes after which nobody has to look: corrected to Dukcapil's value, or found in sync. */
    static final Set<String> RESOLVED_OUTCOMES =
            Set.of("nik_corrected", "name_corrected", "birth_corrected", "in_sync", "copy_dropped");

    /** The fields of the member that Dukcapil holds otherwise (titles and case aside; NIK/KK masked). */
    private List<CivilSync.Difference> compare(String tenantId, CivilSyncRows.Current member, CivilBiodata answer) {
        List<CivilSync.Difference> differing = new ArrayList<>();
        if (!answer.known()) {
            return differing;
        }
        if (answer.fullName() != null && !NameKey.of(member.fullName()).equals(NameKey.of(answer.fullName()))) {
            differing.add(new CivilSync.Difference("name", member.fullName(), answer.fullName()));
        }
        if (answer.birthDate() != null
                && member.birthDate() != null
                && !answer.birthDate().equals(member.birthDate())) {
            differing.add(new CivilSync.Difference(
                    "birth_date",
                    member.birthDate().format(DATE),
                    answer.birthDate().format(DATE)));
        }
        if (answer.sex() != null && member.sex() != null && !answer.sex().equals(member.sex())) {
            differing.add(new CivilSync.Difference("sex", member.sex(), answer.sex()));
        }
        if (answer.birthPlace() != null
                && member.birthPlace() != null
                && !NameKey.of(answer.birthPlace()).equals(NameKey.of(member.birthPlace()))) {
            differing.add(new CivilSync.Difference("birth_place", member.birthPlace(), answer.birthPlace()));
        }
        if (answer.kk() != null && member.kkEncrypted() != null) {
            String kk = protection.decrypt(tenantId, member.kkEncrypted());
            if (!kk.equals(answer.kk().strip())) {
                differing.add(new CivilSync.Difference(
                        "kk", Nik.mask(kk), Nik.mask(answer.kk().strip())));
            }
        }
        return differing;
    }

    /** A failed call: retried later, or given up — the item then waits for a person once no call is left. */
    public void recordRetry(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        String tenantId = message.tenantId();
        transactions.inTenant(tenantId, connection -> {
            // A message another worker finished meanwhile changes nothing: its item is not owed a call less.
            if (!outbox.retryLater(connection, tenantId, message.id(), delay, reason, giveUp) || !giveUp) {
                return null;
            }
            rows.lock(tenantId, message.aggregateId())
                    .filter(item -> CivilSyncItemRow.ASKING.equals(item.state()))
                    .ifPresent(item -> {
                        int pending = item.pending() - 1;
                        rows.settle(
                                tenantId,
                                item.id(),
                                pending == 0 ? CivilSyncItemRow.WAITING : CivilSyncItemRow.ASKING,
                                pending == 0 ? "dukcapil_failed" : null,
                                pending,
                                item.differences(),
                                null);
                    });
            return null;
        });
    }

    /** The tenant's runs, newest first, with the counts of what the caller reaches. */
    public Page<CivilSync> page(Caller caller, String tenantId, PageRequest request) {
        Reach reach =
                access.grant(caller, Permission.VERIFICATION_READ, tenantId).reach();
        return transactions.inTenant(tenantId, connection -> {
            Keyset.Ids page = Keyset.newestIds(
                    connection,
                    "FROM civil_sync WHERE tenant_id = ? AND (? OR village_code IS NULL OR village_code = ANY (?))",
                    request,
                    tenantId,
                    reach.everything(),
                    reach.villages().toArray(String[]::new));
            List<CivilSync> read = page.inOrder(runs(tenantId, page.ids(), reach), CivilSync::id);
            return Page.of(
                    read,
                    request,
                    page.total(),
                    run -> PageRequest.cursor(
                            run.createdAt().toString(), run.id().toString()));
        });
    }

    /** A run and its counts (of the caller's villages, for a village role). */
    public CivilSync find(Caller caller, String tenantId, UUID sync) {
        Reach reach =
                access.grant(caller, Permission.VERIFICATION_READ, tenantId).reach();
        return transactions.inTenant(tenantId, connection -> runs(tenantId, List.of(sync), reach)).stream()
                .findFirst()
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.CIVIL_SYNC_NOT_FOUND, "Synchronisation " + sync + " was not found"));
    }

    private List<CivilSync> runs(String tenantId, List<UUID> ids, Reach reach) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, Long>> outcomes = new HashMap<>();
        Map<UUID, long[]> states = new HashMap<>();
        for (CivilSyncRows.Count count : rows.counts(tenantId, ids, reach.everything(), villagesOf(reach))) {
            long[] byState = states.computeIfAbsent(count.syncId(), id -> new long[3]);
            byState[
                            switch (count.state()) {
                                case CivilSyncItemRow.ASKING -> 0;
                                case CivilSyncItemRow.RESOLVED -> 1;
                                default -> 2;
                            }] +=
                    count.items();
            if (count.outcome() != null) {
                outcomes.computeIfAbsent(count.syncId(), id -> new java.util.TreeMap<>())
                        .merge(count.outcome(), count.items(), Long::sum);
            }
        }
        return rows.runs(tenantId, ids).stream()
                // A village role sees the runs of its villages and those of the whole registry.
                .filter(run -> run.villageCode() == null || reach.coversVillage(run.villageCode()))
                .map(run -> {
                    long[] byState = states.getOrDefault(run.id(), new long[3]);
                    return new CivilSync(
                            run.id(),
                            run.villageCode(),
                            run.members(),
                            run.requestedBy(),
                            run.createdAt(),
                            byState[0],
                            byState[1],
                            byState[2],
                            outcomes.getOrDefault(run.id(), Map.of()));
                })
                .toList();
    }

    private static List<String> villagesOf(Reach reach) {
        // An empty IN () is no SQL: a code no village has stands for "none".
        return reach.villages().isEmpty() ? List.of("-") : List.copyOf(reach.villages());
    }

    /**
     * A run's items the caller reaches, newest first, a page at a time: only waiting, resolved or
     * asking ones when {@code state} says so. Reading them is audited (names, masked NIKs).
     */
    public Page<CivilSync.Item> items(Caller caller, String tenantId, UUID sync, String state, PageRequest request) {
        Reach reach =
                access.grant(caller, Permission.VERIFICATION_READ, tenantId).reach();
        String only = state == null ? "" : state.strip().toUpperCase(Locale.ROOT);
        if (!only.isEmpty()
                && !Set.of(CivilSyncItemRow.ASKING, CivilSyncItemRow.RESOLVED, CivilSyncItemRow.WAITING)
                        .contains(only)) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "state is ASKING, RESOLVED or WAITING");
        }
        find(caller, tenantId, sync);
        Page<CivilSync.Item> page = transactions.inTenant(tenantId, connection -> {
            Keyset.Ids ids = Keyset.newestIds(
                    connection,
                    "FROM civil_sync_item WHERE tenant_id = ? AND sync_id = ? AND (? = '' OR state = ?)"
                            + " AND (? OR village_code = ANY (?))",
                    request,
                    tenantId,
                    sync,
                    only,
                    only,
                    reach.everything(),
                    reach.villages().toArray(String[]::new));
            List<CivilSync.Item> read = ids.inOrder(rows.findByIdIn(ids.ids()), CivilSyncItemRow::id).stream()
                    .map(this::toItem)
                    .toList();
            return Page.of(
                    read,
                    request,
                    ids.total(),
                    item -> PageRequest.cursor(
                            item.createdAt().toString(), item.id().toString()));
        });
        audit.record(tenantId, caller, "CIVIL_SYNC_READ", sync.toString(), List.of("full_name", "nik_masked"));
        return page;
    }

    private CivilSync.Item toItem(CivilSyncItemRow row) {
        return new CivilSync.Item(
                row.id(),
                row.reason(),
                row.state(),
                row.outcome(),
                row.memberId(),
                row.householdId(),
                row.villageCode(),
                row.importLine(),
                row.fullName(),
                row.nikMasked(),
                readDifferences(row.differences()),
                row.proposalId(),
                row.createdAt(),
                row.updatedAt());
    }

    private String differences(List<CivilSync.Difference> differences) {
        return toJson(differences);
    }

    private List<CivilSync.Difference> readDifferences(String text) {
        try {
            return List.of(json.readValue(text, CivilSync.Difference[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
