package id.lumbung.core.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * How far a grant reaches into a tenant's households: all of them, those of some villages, and
 * those assigned to a field worker (a user holding the verb through several roles reaches the
 * union).
 *
 * @param everything whether every household of the tenant is reached
 * @param villages the villages whose households are reached
 * @param assignedTo the username whose assigned households are reached, or {@code null}
 */
public record Reach(boolean everything, Set<String> villages, String assignedTo) {
    /** The whole tenant. */
    public static final Reach WHOLE_TENANT = new Reach(true, Set.of(), null);

    public Reach {
        villages = Set.copyOf(villages);
    }

    /**
     * Refuses ({@code village_not_in_scope}) a run over a village the caller does not reach as a
     * whole, or over the whole registry ({@code null}) by a caller who reaches only villages.
     *
     * @param doing what the caller does, for the message ("Verify")
     */
    public void requireWhole(String villageCode, String doing) {
        if (villageCode == null ? !everything : !coversVillage(villageCode)) {
            throw new id.lumbung.core.error.LumbungException(
                    id.lumbung.core.error.ErrorCode.VILLAGE_NOT_IN_SCOPE,
                    doing + " one of your villages: village=" + String.join(",", villages));
        }
    }

    /** Whether this village is reached as a whole. */
    public boolean coversVillage(String villageCode) {
        return everything || villages.contains(villageCode);
    }

    /**
     * The SQL condition keeping only reached households, on the household table under {@code
     * alias} (e.g. {@code h}); bind its parameters with {@link #bind}. Lists use it so that a page
     * is filled from what the caller may see, not filtered after the fact.
     */
    public String sql(String alias) {
        if (everything) {
            return "TRUE";
        }
        return "(" + alias + ".village_code = ANY (?) OR EXISTS (SELECT 1 FROM household_assignment a"
                + " JOIN app_user u ON u.id = a.user_id WHERE a.tenant_id = " + alias + ".tenant_id"
                + " AND a.household_id = " + alias + ".id AND u.username = ?))";
    }

    /** Binds the parameters of {@link #sql} from {@code index}; answers the next free index. */
    public int bind(Connection connection, PreparedStatement statement, int index) throws SQLException {
        if (everything) {
            return index;
        }
        statement.setArray(index, connection.createArrayOf("text", villages.toArray()));
        // No user is named "" (usernames have 3 characters or more): nothing assigned is reached.
        statement.setString(index + 1, assignedTo == null ? "" : assignedTo);
        return index + 2;
    }
}
