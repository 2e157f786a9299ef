package id.lumbung.core.student;

import java.util.List;

/** The schools a tenant may pull students from (the Dapodik connector's configuration). */
public interface SchoolDirectory {
    List<StudentPulls.School> schoolsOf(String tenantId);
}
