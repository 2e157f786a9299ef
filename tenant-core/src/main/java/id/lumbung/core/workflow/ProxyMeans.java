package id.lumbung.core.workflow;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy-means test of a field visit: a score from 0 to 100 (higher is poorer), the sum of the
 * weights of the deprivations found, and a desil estimate from cut-offs (desil 1 the poorest).
 * Weights and cut-offs are configuration ({@code lumbung.pmt.*}) and carry a version: each score
 * says which version made it, so a score is never silently recomputed under other weights.
 */
@Singleton
public final class ProxyMeans {
    private final String version;
    private final Map<VisitQuestion, Integer> weights;
    private final List<Integer> cutoffs;

    ProxyMeans(
            @Value("${lumbung.pmt.version:pmt-2026.1}") String version,
            @Value("${lumbung.pmt.weights:lantai=12,dinding=10,atap=6,penerangan=8,air_minum=8,luas_lantai=10,"
                            + "penghasilan=20,persen_pangan=10,akses_kesehatan=6,pakaian=5,anak_tidak_sekolah=5}")
                    String weights,
            @Value("${lumbung.pmt.cutoffs:80,68,56,46,37,29,22,15,8}") String cutoffs) {
        this.version = version;
        this.weights = parseWeights(weights);
        this.cutoffs = parseCutoffs(cutoffs);
    }

    /** A score, its desil, and the version of the weights that made them. */
    public record Estimate(int score, int desil, String version) {}

    /** The estimate of checked answers for a family of {@code members} people. */
    Estimate estimate(Map<String, String> checked, int members) {
        int score = 0;
        for (Map.Entry<VisitQuestion, Integer> weight : weights.entrySet()) {
            if (weight.getKey().deprived(checked, members)) {
                score += weight.getValue();
            }
        }
        score = Math.min(100, score);
        int desil = 1;
        for (int cutoff : cutoffs) {
            if (score >= cutoff) {
                break;
            }
            desil++;
        }
        return new Estimate(score, desil, version);
    }

    private static Map<VisitQuestion, Integer> parseWeights(String text) {
        Map<VisitQuestion, Integer> parsed = new EnumMap<>(VisitQuestion.class);
        for (String pair : text.split(",")) {
            String[] parts = pair.strip().split("=");
            VisitQuestion question = null;
            for (VisitQuestion candidate : VisitQuestion.values()) {
                if (candidate.code().equals(parts[0].strip().toLowerCase(Locale.ROOT))) {
                    question = candidate;
                }
            }
            if (parts.length != 2 || question == null) {
                throw new IllegalStateException("lumbung.pmt.weights: " + pair + " is not question=weight");
            }
            parsed.put(question, Integer.parseInt(parts[1].strip()));
        }
        return parsed;
    }

    private static List<Integer> parseCutoffs(String text) {
        List<Integer> parsed = new ArrayList<>();
        for (String cutoff : text.split(",")) {
            parsed.add(Integer.parseInt(cutoff.strip()));
        }
        for (int i = 1; i < parsed.size(); i++) {
            if (parsed.get(i) >= parsed.get(i - 1)) {
                throw new IllegalStateException("lumbung.pmt.cutoffs go down, desil 1 first: " + text);
            }
        }
        if (parsed.size() != 9) {
            throw new IllegalStateException("lumbung.pmt.cutoffs has nine scores (desil 1 to 9): " + text);
        }
        return List.copyOf(parsed);
    }
}
