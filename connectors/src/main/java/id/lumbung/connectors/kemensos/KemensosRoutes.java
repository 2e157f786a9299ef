package id.lumbung.connectors.kemensos;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyPipeline;
import id.lumbung.connectors.camel.ConnectorMetrics;
import id.lumbung.connectors.camel.MessageHandler;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.ministry.MinistryExchange;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.protection.PrivateFiles;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox → the ministry's file exchange, through the shared {@link AgencyPipeline}. Sending the
 * proposals writes them (full identifiers, to an owner-only file in a folder of our own, deleted
 * after — and swept at start-up, should a crash leave one) and uploads them under the name fixed
 * when they were asked for, so a retry is the same file and a 409 means an earlier attempt got
 * through. Fetching lists the files offered, skips those imported before (same name and content:
 * a file offered twice, or again later, is imported once), and downloads the rest one by one —
 * each download a request against the rate limit — each imported whole, in a transaction of its
 * own, into its own period, so a period offered out of order lands where it belongs and a file
 * that cannot be downloaded does not hold the others back (it is fetched again next time).
 */
@Singleton
final class KemensosRoutes extends AgencyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(KemensosRoutes.class);

    private final KemensosClient client;
    private final MinistryExchange exchanges;
    private final Path folder;

    private record Sent(String receipt, long rows, boolean earlier) {}

    private record Fetched(int alreadyKnown) {}

    KemensosRoutes(
            KemensosSettings settings,
            KemensosClient client,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            id.lumbung.core.ratelimit.SharedBuckets buckets,
            id.lumbung.core.observability.Tracing tracing,
            MinistryExchange exchanges) {
        super(MinistryExchange.AGENCY, settings.pipeline(), outbox, control, metrics, buckets, tracing);
        this.client = client;
        this.exchanges = exchanges;
        this.folder = folder(settings.lease());
        handle(MinistryExchange.SEND, new Sending());
        handle(MinistryExchange.FETCH, new Fetching());
    }

    /** SEND: the proposals, uploaded under their fixed name. */
    private final class Sending implements MessageHandler<Sent> {
        @Override
        public Sent call(OutboxMessage message) throws AgencyException {
            return send(message, exchanges.of(message));
        }

        @Override
        public boolean record(OutboxMessage message, Sent sent) {
            return exchanges.recordSent(message, sent.receipt(), sent.rows(), sent.earlier());
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            exchanges.recordRetry(message, delay, reason, giveUp);
        }
    }

    /** FETCH: the files the ministry offers, each imported once. */
    private final class Fetching implements MessageHandler<Fetched> {
        @Override
        public Fetched call(OutboxMessage message) throws AgencyException {
            return fetch(message);
        }

        @Override
        public boolean record(OutboxMessage message, Fetched fetched) {
            return exchanges.recordFetched(message, fetched.alreadyKnown());
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            exchanges.recordRetry(message, delay, reason, giveUp);
        }
    }

    private Sent send(OutboxMessage message, MinistryExchange.Exchange exchange) throws AgencyException {
        Path file = temporaryFile();
        try {
            long rows;
            try (OutputStream out = Files.newOutputStream(file)) {
                rows = exchanges.writeProposals(message.tenantId(), exchange, out);
            }
            KemensosClient.Receipt receipt =
                    client.upload(message.tenantId(), exchange.fileName(), exchange.period(), file);
            return new Sent(receipt.receipt(), receipt.rows() >= 0 ? receipt.rows() : rows, receipt.earlier());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(file);
        }
    }

    private Fetched fetch(OutboxMessage message) throws AgencyException {
        Map<String, String> known = exchanges.knownFiles(message.tenantId());
        Map<String, MinistryExchange.Offered> offered = new LinkedHashMap<>();
        for (MinistryExchange.Offered file : client.offered(message.tenantId())) {
            offered.putIfAbsent(file.name(), file); // listed twice: fetched once
        }
        int alreadyKnown = 0;
        for (MinistryExchange.Offered file : offered.values()) {
            if (file.sha256().equals(known.get(file.name()))) {
                alreadyKnown++;
                continue;
            }
            pace();
            Path content = temporaryFile();
            try {
                client.download(message.tenantId(), file, content);
                if (exchanges.importFetched(message, file, content) == null) {
                    alreadyKnown++; // another fetch imported it meanwhile
                }
            } catch (AgencyException e) {
                if (e.kind() != AgencyException.Kind.TRANSPORT && e.kind() != AgencyException.Kind.BAD_REQUEST) {
                    throw e; // the account or the service, not this file: the whole fetch waits
                }
                exchanges.fileFailed(message, file, e.getMessage());
            } finally {
                delete(content);
            }
        }
        return new Fetched(alreadyKnown);
    }

    private Path temporaryFile() {
        try {
            return PrivateFiles.newFile(folder, "exchange-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder of the files being exchanged; files older than a lease are a crashed process's
     * (a live one finishes within its lease) and are deleted.
     */
    private static Path folder(Duration lease) {
        Path folder = PrivateFiles.folder(Path.of(System.getProperty("java.io.tmpdir"), "lumbung-kemensos"));
        Instant stale = Instant.now().minus(lease);
        PrivateFiles.sweep(folder, "exchange-*.csv", file -> PrivateFiles.olderThan(file, stale));
        return folder;
    }

    private static void delete(Path file) {
        PrivateFiles.delete(file);
    }
}
