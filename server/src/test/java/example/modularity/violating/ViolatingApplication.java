package example.modularity.violating;

import org.springframework.modulith.Modulithic;

/** Root of a deliberately broken modular application, used by {@code ModularityTests}. */
@Modulithic
public class ViolatingApplication {}
