package cn.daiban.security.boundary;

import java.util.Map;

/**
 * The limits the HTTP boundary of both applications holds every input to, in one place (the README's "Input
 * limits" lists them too). They are upper bounds of what storage and the read side are built to hold; a command's
 * own record may be stricter for a field (a name to 100 characters, a step to 200, …) and says so itself.
 *
 * <p>Assumption: a free text in a body (a note, a reason, a material's description) never needs more than
 * {@value #MAX_BODY_TEXT} characters; a list in a command never more than {@value #MAX_ITEMS} entries unless
 * {@link #ITEMS} names a different limit for it.
 */
public final class InputLimits {

    private InputLimits() {
    }

    /** Characters of any one string in a JSON body, at any depth. */
    public static final int MAX_BODY_TEXT = 2_000;
    /** Characters of a property name or a map key in a JSON body. */
    public static final int MAX_KEY = 200;
    /** Entries of any list, set or map in a JSON body not named in {@link #ITEMS}. */
    public static final int MAX_ITEMS = 100;
    /** Characters of a path variable (an id, a code). */
    public static final int MAX_PATH_VARIABLE = 200;
    /** Characters of a query parameter's value (a filter). */
    public static final int MAX_PARAMETER = 256;
    /** Bytes of a JSON body. */
    public static final int MAX_BODY_BYTES = 1_000_000;

    /**
     * Entries per list, set or map, by its property name wherever it appears in a body (e.g. {@code steps} in
     * {@code needsAnalysis.steps}); every other list, set or map holds at most {@value #MAX_ITEMS}.
     */
    public static final Map<String, Integer> ITEMS = Map.ofEntries(
            Map.entry("steps", 30),                 // needs analysis (需求分析) steps
            Map.entry("materials", 50),             // missing materials in one notice, or an item's required materials
            Map.entry("toleratedGaps", 20),         // materials accepted as missing at intake (容缺)
            Map.entry("uploadedMaterialRefs", 50),  // scans sent up with an escalation
            Map.entry("parallelDepartments", 20),   // departments of a parallel matter (并联办理)
            Map.entry("notes", 20),                 // notes on a commissioning or conversion
            Map.entry("windows", 30),               // a station's windows / zones, or a booking schedule's slots
            Map.entry("serviceItemCodes", 500),     // service items a station handles
            Map.entry("fees", 20),                  // statutory fees of a service item
            Map.entry("authorityLevels", 10),       // station levels with authority over an item
            Map.entry("holidays", 366),             // a calendar year's public holidays
            Map.entry("adjustedWorkingDays", 366),  // a calendar year's adjusted working weekends (调休)
            Map.entry("figures", 100));             // a statistics submission's named numbers

    /** The most entries the list, set or map named {@code property} may hold. */
    public static int items(String property) {
        return property == null ? MAX_ITEMS : ITEMS.getOrDefault(property, MAX_ITEMS);
    }
}
