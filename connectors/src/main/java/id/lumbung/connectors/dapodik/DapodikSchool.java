package id.lumbung.connectors.dapodik;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One school whose Dapodik web service a tenant may pull from ({@code
 * lumbung.connectors.dapodik.schools.<npsn>.*}). The school registers Lumbung's client IP and
 * gives a bearer token (a secret: from the environment, e.g. {@code
 * LUMBUNG_CONNECTORS_DAPODIK_SCHOOLS_40201234_TOKEN}). Without a URL, the in-process Dapodik
 * simulator stands in (demo and tests).
 *
 * @param npsn the school's number (8 characters)
 * @param tenantId the social office (tenant) the school's students belong to
 * @param name the school's name
 * @param url the school's Dapodik server, e.g. {@code http://10.20.30.40:5774}; requests go to
 *     {@code /WebService/getPesertaDidik?npsn=…&start=…&limit=…}
 * @param token the bearer token the school gave
 */
@EachProperty("lumbung.connectors.dapodik.schools")
public record DapodikSchool(
        @Parameter String npsn, String tenantId, @Nullable String name, @Nullable String url, @Nullable String token) {

    /** Without the token. */
    @Override
    public String toString() {
        return "DapodikSchool[npsn=" + npsn + ", tenantId=" + tenantId + ", name=" + name + ", url=" + url + "]";
    }
}
