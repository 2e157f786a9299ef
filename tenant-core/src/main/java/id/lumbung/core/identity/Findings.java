package id.lumbung.core.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a run keeps of a resolution: each person found more than once (with the reasons of its
 * weakest joining pair, the one a reader should doubt) and the pairs between the review and match
 * thresholds, most likely first, for a person to look at. {@code wanted} says which lists of
 * record ids a run keeps (all within a tenant; those spanning regencies across a province).
 */
final class Findings {
    /** A person found ({@code MATCH}) or a pair to look at ({@code REVIEW}). */
    record Found(String kind, List<String> ids, double probability, List<DuplicateRun.Reason> reasons) {}

    private Findings() {}

    static List<Found> of(
            Resolver.Resolution resolution, long[] apart, Predicate<List<String>> wanted, int maximumReview) {
        People people = resolution.people();
        int[] person = resolution.person();
        double match = resolution.thresholds().match();
        double review = resolution.thresholds().review();
        Set<Long> separated = new HashSet<>();
        for (long pair : apart) {
            separated.add(pair);
        }
        Map<Integer, Integer> weakest = new HashMap<>();
        List<Integer> reviewed = new ArrayList<>();
        for (int pair = 0; pair < resolution.pairs().length; pair++) {
            double probability = resolution.probability(pair);
            int a = resolution.first(pair);
            int b = resolution.second(pair);
            if (probability >= match && person[a] == person[b]) {
                weakest.merge(
                        person[a], pair, (x, y) -> resolution.probability(x) <= resolution.probability(y) ? x : y);
            } else if (probability >= review
                    && person[a] != person[b]
                    && !separated.contains(resolution.pairs()[pair])
                    && !people.id(a).equals(people.id(b))
                    && wanted.test(List.of(people.id(a), people.id(b)))) {
                reviewed.add(pair);
            }
        }
        reviewed.sort((x, y) -> Double.compare(resolution.probability(y), resolution.probability(x)));
        List<Found> found = new ArrayList<>();
        for (int[] cluster : resolution.clusters()) {
            List<String> ids = new ArrayList<>();
            for (int record : cluster) {
                // A member moved by a re-import while the run read could be read twice: once is enough.
                if (!ids.contains(people.id(record))) {
                    ids.add(people.id(record));
                }
            }
            if (ids.size() > 1 && wanted.test(ids)) {
                found.add(found("MATCH", ids, resolution, weakest.get(person[cluster[0]])));
            }
        }
        for (int pair : reviewed.subList(0, Math.min(maximumReview, reviewed.size()))) {
            found.add(found(
                    "REVIEW",
                    List.of(people.id(resolution.first(pair)), people.id(resolution.second(pair))),
                    resolution,
                    pair));
        }
        return found;
    }

    /** Reasons as stored (JSON). */
    static String write(io.micronaut.json.JsonMapper json, List<DuplicateRun.Reason> reasons) {
        try {
            return json.writeValueAsString(reasons);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<DuplicateRun.Reason> read(io.micronaut.json.JsonMapper json, String reasons) {
        try {
            return List.of(json.readValue(reasons, DuplicateRun.Reason[].class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every pair of the members, the smaller first (as the tables of people said to be two keep them). */
    static void eachPair(List<String> members, java.util.function.BiConsumer<String, String> pair) {
        for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
                String a = members.get(i);
                String b = members.get(j);
                if (a.equals(b)) {
                    continue;
                }
                boolean ordered = a.compareTo(b) < 0;
                pair.accept(ordered ? a : b, ordered ? b : a);
            }
        }
    }

    private static Found found(String kind, List<String> ids, Resolver.Resolution resolution, int pair) {
        return new Found(kind, ids, resolution.probability(pair), shown(resolution.explain(pair)));
    }

    /** The reasons as the API shows them: each field by its Indonesian label. */
    static List<DuplicateRun.Reason> shown(List<MatchModel.Reason> reasons) {
        return reasons.stream()
                .map(reason -> new DuplicateRun.Reason(reason.field().label(), reason.level(), reason.weight()))
                .toList();
    }
}
