package id.lumbung.core.workflow;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A village meeting (musyawarah desa/kelurahan) and the hash of its minutes (berita acara). */
@Serdeable
public record Musyawarah(
        UUID id,
        String villageCode,
        LocalDate heldOn,
        String place,
        int attendees,
        String minutesSha256,
        String createdBy,
        Instant createdAt) {

    static Musyawarah of(MusyawarahRow row) {
        return new Musyawarah(
                row.id(),
                row.villageCode(),
                row.heldOn(),
                row.place(),
                row.attendees(),
                row.minutesSha256(),
                row.createdBy(),
                row.createdAt());
    }
}
