package id.lumbung.core.user;

import java.util.List;

/**
 * A user to create.
 *
 * @param username the login name: 3 to 64 letters, digits, dot, dash or underscore
 * @param password at least 12 characters
 * @param roles role names
 * @param villageCodes Kemendagri village codes for village-scoped roles
 */
public record NewUser(String username, String password, List<String> roles, List<String> villageCodes) {
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", roles=" + roles + "]";
    }
}
