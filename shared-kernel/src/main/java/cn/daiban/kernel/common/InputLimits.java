package cn.daiban.kernel.common;

import java.util.Map;

/**
 * The limits every input is held to, in one place (the README's "Input limits" lists them too): the HTTP boundary
 * of both applications checks every body, parameter and header against them before a command is built, and the
 * commands' records check their own lists against the same numbers. They are upper bounds of what storage and the
 * read side are built to hold; a record may be stricter for one field (a name to 64 characters, a step to 200 …)
 * and says so itself.
 *
 * <p>Assumptions: a free text in a body (a note, a reason) never needs more than {@value #MAX_BODY_TEXT}
 * characters; a list in a command never more than {@value #MAX_ITEMS} entries unless named below. Only commands
 * check these, never events: an event stored before a limit was lowered is still read.
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

    /** Needs analysis (需求分析) steps. */
    public static final int STEPS = 30;
    /** Missing materials in one notice (一次性告知), or a service item's required materials. */
    public static final int MATERIALS = 50;
    /** Materials accepted as missing at intake (容缺). */
    public static final int TOLERATED_GAPS = 20;
    /** Scans sent up with an escalation. */
    public static final int UPLOADED_MATERIAL_REFS = 50;
    /** Departments of a parallel matter (并联办理). */
    public static final int PARALLEL_DEPARTMENTS = 20;
    /** Notes on a commissioning or a conversion to proxy. */
    public static final int NOTES = 20;
    /** A station's windows / zones, or a booking schedule's slots. */
    public static final int WINDOWS = 30;
    /** Service items a station handles. */
    public static final int SERVICE_ITEM_CODES = 500;
    /** Statutory fees of a service item. */
    public static final int FEES = 20;
    /** Station levels with authority over a service item. */
    public static final int AUTHORITY_LEVELS = 10;
    /** A calendar year's public holidays, or its adjusted working weekends (调休). */
    public static final int DAYS_OF_A_YEAR = 366;
    /** A statistics submission's named numbers. */
    public static final int FIGURES = 100;
    /** Documents filed with an archive (归档). */
    public static final int DOCUMENTS = 50;

    /**
     * Entries per list, set or map, by its property name wherever it appears in a body (e.g. {@code steps} in
     * {@code needsAnalysis.steps}); every other list, set or map holds at most {@value #MAX_ITEMS}.
     */
    public static final Map<String, Integer> ITEMS = Map.ofEntries(
            Map.entry("steps", STEPS),
            Map.entry("materials", MATERIALS),
            Map.entry("toleratedGaps", TOLERATED_GAPS),
            Map.entry("uploadedMaterialRefs", UPLOADED_MATERIAL_REFS),
            Map.entry("parallelDepartments", PARALLEL_DEPARTMENTS),
            Map.entry("notes", NOTES),
            Map.entry("windows", WINDOWS),
            Map.entry("serviceItemCodes", SERVICE_ITEM_CODES),
            Map.entry("fees", FEES),
            Map.entry("authorityLevels", AUTHORITY_LEVELS),
            Map.entry("holidays", DAYS_OF_A_YEAR),
            Map.entry("adjustedWorkingDays", DAYS_OF_A_YEAR),
            Map.entry("figures", FIGURES),
            Map.entry("documents", DOCUMENTS));

    /** The most entries the list, set or map named {@code property} may hold. */
    public static int items(String property) {
        return property == null ? MAX_ITEMS : ITEMS.getOrDefault(property, MAX_ITEMS);
    }
}
