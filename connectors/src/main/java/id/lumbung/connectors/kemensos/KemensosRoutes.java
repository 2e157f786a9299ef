package id.lumbung.connectors.kemensos;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyPipeline;
import id.lumbung.connectors.camel.ConnectorMetrics;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.ministry.MinistryExchange;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outbox → the ministry's file exchange, through the shared {@link AgencyPipeline}. Sending the
 * proposals writes them (full identifiers, to a private temporary file, deleted after) and uploads
 * them under the name fixed when they were asked for, so a retry is the same file and a 409 means
 * an earlier attempt got through. Fetching lists the files offered, skips those imported before
 * (same name and content: a file offered twice, or again later, is imported once), downloads the
 * rest — each download a request against the rate limit — and checks each whole; the answer
 * imports them all at once, each into its own period, so a period offered out of order lands
 * where it belongs.
 */
@Singleton
final class KemensosRoutes extends AgencyPipeline {
    private final KemensosClient client;
    private final MinistryExchange exchanges;

    private record Sent(String receipt, long rows, boolean earlier) {}

    private record Fetched(List<MinistryExchange.Fetched> files, int alreadyKnown) {}

    KemensosRoutes(
            KemensosSettings settings,
            KemensosClient client,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            MinistryExchange exchanges) {
        super(MinistryExchange.AGENCY, settings.pipeline(), outbox, control, metrics);
        this.client = client;
        this.exchanges = exchanges;
    }

    @Override
    protected Object call(OutboxMessage message) throws AgencyException {
        MinistryExchange.Exchange exchange = exchanges.of(message);
        return MinistryExchange.SEND.equals(exchange.kind()) ? send(message, exchange) : fetch(message);
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
            return new Sent(receipt.receipt(), rows, receipt.earlier());
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
        List<MinistryExchange.Fetched> files = new ArrayList<>();
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
                files.add(exchanges.check(file, content));
            } finally {
                delete(content);
            }
        }
        return new Fetched(files, alreadyKnown);
    }

    @Override
    protected boolean record(OutboxMessage message, Object answer) {
        if (answer instanceof Sent sent) {
            return exchanges.recordSent(message, sent.receipt(), sent.rows(), sent.earlier());
        }
        Fetched fetched = (Fetched) answer;
        return exchanges.recordFetched(message, fetched.files(), fetched.alreadyKnown());
    }

    @Override
    protected void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        exchanges.recordRetry(message, delay, reason, giveUp);
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("lumbung-kemensos-", ".csv"); // owner-only on POSIX
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
