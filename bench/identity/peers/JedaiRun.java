/*
 * JedaiRun - a JedAI (org.scify:jedai-core) Dirty ER workflow over one ';'-separated records file;
 * writes the matched pairs as "R12,R907" lines, for bench/identity/IdentityBench.java --links.
 *
 *   java -Dfile.encoding=UTF-8 -cp "$(cat cp.txt)" JedaiRun.java INPUT.csv LINKS.csv
 *
 * Workflow (JedAI's schema-agnostic Dirty ER pipeline, as in its README and its
 * StepByStepGridConfigurationDER / TestAllMethodsDer examples):
 *   EntityCSVReader (header names, ';', `id` as the entity identifier, `person` excluded)
 *   -> Standard (Token) Blocking -> Size-based Block Purging -> Block Filtering
 *   -> Weighted Node Pruning (meta-blocking, JS weights) -> Profile Matcher (token unigrams,
 *   TF-IDF, cosine) -> Connected Components Clustering at similarity 0.525.
 * Every pair inside an output cluster is linked through a spanning set of pairs (first member
 * with each other member); the scorer closes links into clusters, so that is the same partition.
 *
 * Settings (system properties; the defaults are the configuration chosen in README.md):
 *   jedai.purging=0.005          SizeBasedBlockPurging purging factor (JedAI default 0.005)
 *   jedai.filtering=0.8          BlockFiltering ratio (JedAI default 0.8)
 *   jedai.cc=WNP                 WNP | CNP | RCNP | RWNP | WEP | CEP | NONE (comparison cleaning)
 *   jedai.scheme=JS              weighting scheme: ARCS | CBS | ECBS | JS | EJS | PEARSON_X2
 *   jedai.model=TOKEN_UNIGRAMS_TF_IDF        ProfileMatcher representation (JedAI default: CHARACTER_FOURGRAMS_TF_IDF)
 *   jedai.metric=COSINE_SIMILARITY           ProfileMatcher similarity (JedAI default)
 *   jedai.clustering=CONNECTED_COMPONENTS_CLUSTERING   or CENTER_CLUSTERING, MERGE_CENTER_CLUSTERING, ...
 *   jedai.threshold=0.525        clustering similarity threshold (edges above it are kept)
 *   jedai.edges=FILE             tuning only: also write every compared pair with its similarity
 */
import com.esotericsoftware.minlog.Log;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scify.jedai.blockbuilding.StandardBlocking;
import org.scify.jedai.blockprocessing.IBlockProcessing;
import org.scify.jedai.blockprocessing.blockcleaning.BlockFiltering;
import org.scify.jedai.blockprocessing.blockcleaning.SizeBasedBlockPurging;
import org.scify.jedai.blockprocessing.comparisoncleaning.CardinalityEdgePruning;
import org.scify.jedai.blockprocessing.comparisoncleaning.CardinalityNodePruning;
import org.scify.jedai.blockprocessing.comparisoncleaning.ReciprocalCardinalityNodePruning;
import org.scify.jedai.blockprocessing.comparisoncleaning.ReciprocalWeightedNodePruning;
import org.scify.jedai.blockprocessing.comparisoncleaning.WeightedEdgePruning;
import org.scify.jedai.blockprocessing.comparisoncleaning.WeightedNodePruning;
import org.scify.jedai.datamodel.AbstractBlock;
import org.scify.jedai.datamodel.EntityProfile;
import org.scify.jedai.datamodel.EquivalenceCluster;
import org.scify.jedai.datamodel.SimilarityPairs;
import org.scify.jedai.datareader.entityreader.EntityCSVReader;
import org.scify.jedai.entityclustering.IEntityClustering;
import org.scify.jedai.entitymatching.ProfileMatcher;
import org.scify.jedai.utilities.enumerations.EntityClusteringDerMethod;
import org.scify.jedai.utilities.enumerations.RepresentationModel;
import org.scify.jedai.utilities.enumerations.SimilarityMetric;
import org.scify.jedai.utilities.enumerations.WeightingScheme;

public class JedaiRun {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: JedaiRun INPUT.csv LINKS.csv");
            System.exit(2);
        }
        Log.set(Log.LEVEL_WARN);
        float purging = Float.parseFloat(System.getProperty("jedai.purging", "0.005"));
        float filtering = Float.parseFloat(System.getProperty("jedai.filtering", "0.8"));
        String cc = System.getProperty("jedai.cc", "WNP");
        WeightingScheme scheme = WeightingScheme.valueOf(System.getProperty("jedai.scheme", "JS"));
        RepresentationModel model = RepresentationModel.valueOf(System.getProperty("jedai.model", "TOKEN_UNIGRAMS_TF_IDF"));
        SimilarityMetric metric = SimilarityMetric.valueOf(System.getProperty("jedai.metric", "COSINE_SIMILARITY"));
        EntityClusteringDerMethod clustering =
                EntityClusteringDerMethod.valueOf(System.getProperty("jedai.clustering", "CONNECTED_COMPONENTS_CLUSTERING"));
        float threshold = Float.parseFloat(System.getProperty("jedai.threshold", "0.525"));

        long start = System.nanoTime();
        // 1. Data reading: the header gives the attribute names; column 0 (`id`) is the entity id
        //    (setIdIndex also excludes it from the attributes); column 1 (`person`, the truth) is excluded.
        List<String> header = List.of(Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8).readLine().split(";"));
        if (!header.get(0).equals("id") || !header.get(1).equals("person")) {
            throw new IllegalArgumentException("expected the header id;person;... but got " + header);
        }
        EntityCSVReader reader = new EntityCSVReader(args[0]);
        reader.setAttributeNamesInFirstRow(true);
        reader.setSeparator(';');
        reader.setIdIndex(header.indexOf("id"));
        reader.setAttributesToExclude(new int[] {header.indexOf("person")});
        List<EntityProfile> profiles = reader.getEntityProfiles();
        stage("read", start, profiles.size() + " profiles");

        // 2. Block building: Standard (Token) Blocking, one block per token of any attribute value.
        long t = System.nanoTime();
        List<AbstractBlock> blocks = new StandardBlocking().getBlocks(profiles);
        stage("token blocking", t, blocks.size() + " blocks, " + comparisons(blocks) + " comparisons");

        // 3. Block cleaning: Size-based Block Purging, then Block Filtering.
        t = System.nanoTime();
        blocks = new SizeBasedBlockPurging(purging).refineBlocks(blocks);
        stage("block purging " + purging, t, blocks.size() + " blocks, " + comparisons(blocks) + " comparisons");
        t = System.nanoTime();
        blocks = new BlockFiltering(filtering).refineBlocks(blocks);
        stage("block filtering " + filtering, t, blocks.size() + " blocks, " + comparisons(blocks) + " comparisons");

        // 4. Comparison cleaning (meta-blocking).
        IBlockProcessing cleaning = switch (cc) {
            case "CNP" -> new CardinalityNodePruning(scheme);
            case "WNP" -> new WeightedNodePruning(scheme);
            case "RCNP" -> new ReciprocalCardinalityNodePruning(scheme);
            case "RWNP" -> new ReciprocalWeightedNodePruning(scheme);
            case "CEP" -> new CardinalityEdgePruning(scheme);
            case "WEP" -> new WeightedEdgePruning(scheme);
            case "NONE" -> null;
            default -> throw new IllegalArgumentException("jedai.cc " + cc);
        };
        if (cleaning != null) {
            t = System.nanoTime();
            blocks = cleaning.refineBlocks(blocks);
            stage(cc + " " + scheme, t, blocks.size() + " blocks, " + comparisons(blocks) + " comparisons");
        }

        // 5. Entity matching: Profile Matcher (schema-agnostic: all attribute values of a profile).
        t = System.nanoTime();
        SimilarityPairs similarities = new ProfileMatcher(profiles, model, metric).executeComparisons(blocks);
        stage("profile matcher " + model + " " + metric, t, similarities.getNoOfComparisons() + " similarities");
        String edges = System.getProperty("jedai.edges");
        if (edges != null) {
            try (BufferedWriter out = Files.newBufferedWriter(Path.of(edges), StandardCharsets.UTF_8)) {
                int[] e1 = similarities.getEntityIds1();
                int[] e2 = similarities.getEntityIds2();
                float[] sims = similarities.getSimilarities();
                for (int i = 0; i < similarities.getNoOfComparisons(); i++) {
                    out.write(profiles.get(e1[i]).getEntityUrl() + "," + profiles.get(e2[i]).getEntityUrl() + ","
                            + sims[i] + "\n");
                }
            }
        }

        // 6. Entity clustering for Dirty ER.
        t = System.nanoTime();
        IEntityClustering clusterer = EntityClusteringDerMethod.getDefaultConfiguration(clustering);
        clusterer.setSimilarityThreshold(threshold);
        EquivalenceCluster[] clusters = clusterer.getDuplicates(similarities);
        long links = 0;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (EquivalenceCluster cluster : clusters) {
                var ids = cluster.getEntityIdsD1();
                for (int i = 1; i < ids.size(); i++) {
                    out.write(profiles.get(ids.get(0)).getEntityUrl() + "," + profiles.get(ids.get(i)).getEntityUrl() + "\n");
                    links++;
                }
            }
        }
        stage(clustering + " " + threshold, t, clusters.length + " clusters, " + links + " links");
        System.out.printf("wall seconds %.1f%n", (System.nanoTime() - start) / 1e9);
    }

    static long comparisons(List<AbstractBlock> blocks) {
        double sum = 0;
        for (AbstractBlock block : blocks) {
            sum += block.getNoOfComparisons();
        }
        return (long) sum;
    }

    static void stage(String name, long start, String what) {
        System.out.printf("jedai: %-45s %7.1f s  %s%n", name, (System.nanoTime() - start) / 1e9, what);
    }
}
