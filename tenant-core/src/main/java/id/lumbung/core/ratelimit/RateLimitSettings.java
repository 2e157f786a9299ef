package id.lumbung.core.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Request budgets per minute ({@code lumbung.rate-limits.*}), each a token bucket refilled evenly.
 *
 * @param loginPerIp logins from one client address
 * @param loginPerUser logins for one username
 * @param lookupPerUser NIK checks, searches and lists by one user
 * @param lookupPerTenant the same, by all users of one tenant together
 * @param registrationsPerIp citizens' self-registrations (and receipt look-ups) from one client address
 * @param window the period the budgets are counted over
 */
@ConfigurationProperties("lumbung.rate-limits")
record RateLimitSettings(
        @Bindable(defaultValue = "20") int loginPerIp,
        @Bindable(defaultValue = "10") int loginPerUser,
        @Bindable(defaultValue = "120") int lookupPerUser,
        @Bindable(defaultValue = "1200") int lookupPerTenant,
        @Bindable(defaultValue = "5") int registrationsPerIp,
        @Bindable(defaultValue = "1m") Duration window) {}
