package id.lumbung.gateway.demo;

import java.util.Map;

/** The demo's schools, played by the Dapodik simulator: NPSN → (tenant, name, region of the pupils' NIKs, pupils). */
public final class DemoSchools {
    public static final Map<String, String[]> ALL = Map.of(
            "40201001", new String[] {"7471", "SD NEGERI 1 KENDARI", "747101", "240"},
            "40201002", new String[] {"7471", "SD NEGERI 5 KENDARI", "747102", "85"},
            "40202001", new String[] {"7401", "SD NEGERI 1 KOLAKA", "740101", "130"});

    private DemoSchools() {}
}
