package id.lumbung.core.identity;

import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.protection.IdentifierProtection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the living members of one or more tenants into {@link People}, a batch at a time in
 * household order: NIK and KK decrypted in memory only, and never every row held at once (the
 * columns of People are all a run keeps of a member).
 */
final class Registers {
    static final int BATCH = 20_000;
    private static final UUID FIRST = new UUID(0, 0);

    private Registers() {}

    /**
     * The records read, and the numbers of the members {@code wanted} names (those in decisions
     * to respect). A record's id is the member id, or {@code tenant/member} when {@code
     * qualified} (several tenants).
     */
    record Read(People people, Map<String, Integer> numbers) {}

    static Read read(
            TenantTransactions transactions,
            DuplicateRows rows,
            IdentifierProtection protection,
            id.lumbung.core.database.Statistics statistics,
            List<String> tenants,
            boolean qualified,
            Set<String> wanted) {
        // A registry imported a moment ago may still be planned as empty (its statistics are
        // refreshed after the import ends): the first batch then joined every member with every
        // household, a minute for 100,000 members.
        if (!tenants.isEmpty()) {
            statistics.refresh(tenants.get(0), "household", "member");
        }
        People people = new People();
        Map<String, Integer> numbers = new HashMap<>();
        int household = -1;
        for (String tenantId : tenants) {
            UUID lastHousehold = FIRST;
            UUID lastMember = FIRST;
            while (true) {
                UUID fromHousehold = lastHousehold;
                UUID fromMember = lastMember;
                List<DuplicateRows.Compared> batch = transactions.inTenant(
                        tenantId, connection -> rows.compared(tenantId, fromHousehold, fromMember, BATCH));
                for (DuplicateRows.Compared member : batch) {
                    if (!member.householdId().equals(lastHousehold)) {
                        household++;
                        lastHousehold = member.householdId();
                    }
                    String nik =
                            member.nikEncrypted() == null ? null : protection.decrypt(tenantId, member.nikEncrypted());
                    String kk =
                            member.kkEncrypted() == null ? null : protection.decrypt(tenantId, member.kkEncrypted());
                    String id = qualified
                            ? tenantId + "/" + member.id()
                            : member.id().toString();
                    int number = people.add(
                            id,
                            nik,
                            kk,
                            member.fullName(),
                            member.birthDate(),
                            member.sex(),
                            member.villageCode(),
                            household);
                    if (wanted.contains(id)) {
                        numbers.put(id, number);
                    }
                    lastMember = member.id();
                }
                if (batch.size() < BATCH) {
                    break;
                }
            }
        }
        return new Read(people, numbers);
    }

    /** The pairs of records that must stay apart, as {@link Resolver} takes them. */
    static long[] apart(Map<String, Integer> numbers, List<String[]> pairs) {
        return pairs.stream()
                .filter(pair -> numbers.containsKey(pair[0]) && numbers.containsKey(pair[1]))
                .mapToLong(pair -> {
                    int a = numbers.get(pair[0]);
                    int b = numbers.get(pair[1]);
                    return ((long) Math.min(a, b) << 32) | Math.max(a, b);
                })
                .distinct()
                .toArray();
    }
}
