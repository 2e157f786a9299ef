/*
 * DukeRun - runs Duke 1.2 deduplication with duke.xml on one ';'-separated records file and writes
 * the matched pairs as "R12,R907" lines, for bench/identity/IdentityBench.java --links.
 *
 *   java -Dfile.encoding=UTF-8 -cp "$(cat cp.txt)" DukeRun.java INPUT.csv LINKS.csv [duke.xml] [threads]
 *
 * This is what Duke's own command line (no.priv.garshol.duke.Duke --linkfile=... --threads=N) does,
 * through Duke's documented API (ConfigLoader, Processor, a MatchListener), with two differences:
 * the CSV input file is taken from the command line instead of being fixed in the XML, and the links
 * are written as plain "id1,id2" lines (Duke's link file writes "+,id1,id2,1.0").
 * Tuning only: -Dduke.threshold=0.5 overrides the configured threshold, and -Dduke.confidence=true
 * appends Duke's match probability as a third column ("R12,R907,0.9731"; not for the scorer).
 */
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import no.priv.garshol.duke.ConfigLoader;
import no.priv.garshol.duke.Configuration;
import no.priv.garshol.duke.DataSource;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.datasources.CSVDataSource;
import no.priv.garshol.duke.matchers.AbstractMatchListener;

public class DukeRun {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DukeRun INPUT.csv LINKS.csv [duke.xml] [threads]");
            System.exit(2);
        }
        String input = Path.of(args[0]).toAbsolutePath().toString();
        Path links = Path.of(args[1]);
        String configFile = args.length > 2 ? args[2] : "duke.xml";
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;

        long start = System.nanoTime();
        Configuration config = ConfigLoader.load(configFile);
        if (System.getProperty("duke.threshold") != null) {
            config.setThreshold(Double.parseDouble(System.getProperty("duke.threshold")));
        }
        for (DataSource source : config.getDataSources()) {
            ((CSVDataSource) source).setInputFile(input); // the one CSV source of duke.xml
        }
        config.validate();

        String idProperty = config.getIdentityProperties().iterator().next().getName();
        boolean withConfidence = Boolean.getBoolean("duke.confidence");
        long[] count = new long[1];
        try (BufferedWriter out = Files.newBufferedWriter(links, StandardCharsets.UTF_8)) {
            Processor processor = new Processor(config); // overwrite: a fresh index every run
            processor.setThreads(threads);
            processor.addMatchListener(new AbstractMatchListener() {
                @Override
                public synchronized void matches(Record r1, Record r2, double confidence) {
                    try {
                        out.write(r1.getValue(idProperty) + "," + r2.getValue(idProperty)
                                + (withConfidence ? String.format(",%.5f", confidence) : "") + "\n");
                        count[0]++;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            processor.deduplicate(40000); // Duke's command-line default batch size
            System.err.printf("duke: %d comparisons%n", processor.getComparisonCount());
            processor.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("duke: %d links (both directions) in %s, threshold %.3f, threads %d%n", count[0], links,
                config.getThreshold(), threads);
        System.out.printf("wall seconds %.1f%n", seconds);
    }
}
