package org.permithub.core.permit;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permithub.core.action.ActionDataException;
import org.permithub.core.action.JsonFields;
import org.permithub.core.grading.HeightHazard;
import org.permithub.core.grading.HeightSituation;
import org.permithub.core.simops.SimopsActivity;

/**
 * The work-type-specific facts of an application. Every field is optional here; APPLY refuses a
 * permit whose work type needs a field that is missing. JSON names equal the component names
 * ({@link #parse(Map)}).
 *
 * @param outdoor open-air work; null counts as outdoor (wind rules apply)
 * @param inHazardousArea in a running fire/explosion-hazard unit, tank farm or similar: temporary
 *        power then needs a gas test (§10.1); excavation deeper than 1.2 m follows confined-space
 *        rules (§11.10)
 * @param workingHeightM height above the fall datum (work at height, §8.1.1)
 * @param heightHazards the §8.1.2 objective hazards present (class B when any)
 * @param heightSituations Table B.1 note 2 situations
 * @param liftLoadTonnes lifted mass (lifting, §9.1)
 * @param parentPermitNo the hot-work or confined-space permit temporary power serves (§10.8)
 * @param temporaryPowerSpecialCase temporary power in the special case (≤ 30 days, §10.8)
 * @param pipeId the pipe of a blind-plate job (§7.10)
 * @param blindPlateNumbers the plate numbers of a blind-plate job: exactly one (§7.11)
 * @param blindPlateAction insert or remove (§7.11)
 * @param confinedSpaceId the confined space (a confined-space permit's own space, or the space hot
 *        work happens in)
 * @param dikeId the tank-farm dike the work is in (§5.2.8)
 * @param oxygenEnriched oxygen-enriched space or oxygen equipment: O₂ upper bound 23.5 % (§6.4a, §5.2.7)
 * @param isolationPoints isolation points to confirm before START (§4.2b, §5.2.2, §6.1)
 * @param activities other activities of this job for the SIMOPS rules (venting, painting …)
 * @param toxicGases toxic gases that every gas test must measure (§6.4b)
 * @param excavationDepthM depth of excavation (§3.11, §11.10)
 * @param dayShiftOnly the work happens only by day on working days, although the permit's window
 *        spans nights (a multi-day 二级 hot-work permit): APPLY then does not raise the grade for
 *        night, rest day or holiday, and START/RESUME at such a time is refused (§5.1.1; Table B.1
 *        note 2 for night work at height). False: the whole window counts as working time.
 */
public record WorkDetails(
        Boolean outdoor,
        boolean inHazardousArea,
        Double workingHeightM,
        Set<HeightHazard> heightHazards,
        Set<HeightSituation> heightSituations,
        Double liftLoadTonnes,
        String parentPermitNo,
        boolean temporaryPowerSpecialCase,
        String pipeId,
        List<String> blindPlateNumbers,
        BlindPlateAction blindPlateAction,
        String confinedSpaceId,
        String dikeId,
        boolean oxygenEnriched,
        List<String> isolationPoints,
        Set<SimopsActivity> activities,
        List<String> toxicGases,
        Double excavationDepthM,
        boolean dayShiftOnly) {

    public static final WorkDetails NONE = builder().build();

    public WorkDetails {
        heightHazards = copyOf(heightHazards, HeightHazard.class);
        heightSituations = copyOf(heightSituations, HeightSituation.class);
        blindPlateNumbers = blindPlateNumbers == null ? List.of() : List.copyOf(blindPlateNumbers);
        isolationPoints = isolationPoints == null ? List.of() : List.copyOf(isolationPoints);
        activities = copyOf(activities, SimopsActivity.class);
        toxicGases = toxicGases == null ? List.of() : List.copyOf(toxicGases);
    }

    /** Outdoor unless stated otherwise. (Not named isOutdoor, which Jackson would take for the property.) */
    public boolean outdoorWork() {
        return outdoor == null || outdoor;
    }

    /**
     * Reads the {@code details} object of an APPLY request. Throws {@link ActionDataException}
     * naming the field when a value has the wrong type.
     */
    public static WorkDetails parse(Map<String, Object> json) {
        JsonFields f = JsonFields.of(json);
        return builder()
                .outdoor(f.optionalBoolean("outdoor").orElse(null))
                .inHazardousArea(f.optionalBoolean("inHazardousArea").orElse(false))
                .workingHeightM(f.optionalDouble("workingHeightM").orElse(null))
                .heightHazards(f.enumSet("heightHazards", HeightHazard.class))
                .heightSituations(f.enumSet("heightSituations", HeightSituation.class))
                .liftLoadTonnes(f.optionalDouble("liftLoadTonnes").orElse(null))
                .parentPermitNo(f.optionalString("parentPermitNo").orElse(null))
                .temporaryPowerSpecialCase(f.optionalBoolean("temporaryPowerSpecialCase").orElse(false))
                .pipeId(f.optionalString("pipeId").orElse(null))
                .blindPlateNumbers(f.stringList("blindPlateNumbers"))
                .blindPlateAction(f.optionalEnum("blindPlateAction", BlindPlateAction.class).orElse(null))
                .confinedSpaceId(f.optionalString("confinedSpaceId").orElse(null))
                .dikeId(f.optionalString("dikeId").orElse(null))
                .oxygenEnriched(f.optionalBoolean("oxygenEnriched").orElse(false))
                .isolationPoints(f.stringList("isolationPoints"))
                .activities(f.enumSet("activities", SimopsActivity.class))
                .toxicGases(f.stringList("toxicGases"))
                .excavationDepthM(f.optionalDouble("excavationDepthM").orElse(null))
                .dayShiftOnly(f.optionalBoolean("dayShiftOnly").orElse(false))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().outdoor(outdoor).inHazardousArea(inHazardousArea).workingHeightM(workingHeightM)
                .heightHazards(heightHazards).heightSituations(heightSituations).liftLoadTonnes(liftLoadTonnes)
                .parentPermitNo(parentPermitNo).temporaryPowerSpecialCase(temporaryPowerSpecialCase).pipeId(pipeId)
                .blindPlateNumbers(blindPlateNumbers).blindPlateAction(blindPlateAction).confinedSpaceId(confinedSpaceId)
                .dikeId(dikeId).oxygenEnriched(oxygenEnriched).isolationPoints(isolationPoints).activities(activities)
                .toxicGases(toxicGases).excavationDepthM(excavationDepthM).dayShiftOnly(dayShiftOnly);
    }

    private static <E extends Enum<E>> Set<E> copyOf(Set<E> set, Class<E> type) {
        return set == null || set.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(set));
    }

    /** Builds {@link WorkDetails}; every field starts empty. */
    public static final class Builder {
        private Boolean outdoor;
        private boolean inHazardousArea;
        private Double workingHeightM;
        private Set<HeightHazard> heightHazards = Set.of();
        private Set<HeightSituation> heightSituations = Set.of();
        private Double liftLoadTonnes;
        private String parentPermitNo;
        private boolean temporaryPowerSpecialCase;
        private String pipeId;
        private List<String> blindPlateNumbers = List.of();
        private BlindPlateAction blindPlateAction;
        private String confinedSpaceId;
        private String dikeId;
        private boolean oxygenEnriched;
        private List<String> isolationPoints = List.of();
        private Set<SimopsActivity> activities = Set.of();
        private List<String> toxicGases = List.of();
        private Double excavationDepthM;
        private boolean dayShiftOnly;

        public Builder outdoor(Boolean value) { this.outdoor = value; return this; }
        public Builder inHazardousArea(boolean value) { this.inHazardousArea = value; return this; }
        public Builder workingHeightM(Double value) { this.workingHeightM = value; return this; }
        public Builder heightHazards(Set<HeightHazard> value) { this.heightHazards = value; return this; }
        public Builder heightSituations(Set<HeightSituation> value) { this.heightSituations = value; return this; }
        public Builder liftLoadTonnes(Double value) { this.liftLoadTonnes = value; return this; }
        public Builder parentPermitNo(String value) { this.parentPermitNo = value; return this; }
        public Builder temporaryPowerSpecialCase(boolean value) { this.temporaryPowerSpecialCase = value; return this; }
        public Builder pipeId(String value) { this.pipeId = value; return this; }
        public Builder blindPlateNumbers(List<String> value) { this.blindPlateNumbers = value; return this; }
        public Builder blindPlateAction(BlindPlateAction value) { this.blindPlateAction = value; return this; }
        public Builder confinedSpaceId(String value) { this.confinedSpaceId = value; return this; }
        public Builder dikeId(String value) { this.dikeId = value; return this; }
        public Builder oxygenEnriched(boolean value) { this.oxygenEnriched = value; return this; }
        public Builder isolationPoints(List<String> value) { this.isolationPoints = value; return this; }
        public Builder activities(Set<SimopsActivity> value) { this.activities = value; return this; }
        public Builder toxicGases(List<String> value) { this.toxicGases = value; return this; }
        public Builder excavationDepthM(Double value) { this.excavationDepthM = value; return this; }
        public Builder dayShiftOnly(boolean value) { this.dayShiftOnly = value; return this; }

        public WorkDetails build() {
            return new WorkDetails(outdoor, inHazardousArea, workingHeightM, heightHazards, heightSituations,
                    liftLoadTonnes, parentPermitNo, temporaryPowerSpecialCase, pipeId, blindPlateNumbers,
                    blindPlateAction, confinedSpaceId, dikeId, oxygenEnriched, isolationPoints, activities,
                    toxicGases, excavationDepthM, dayShiftOnly);
        }
    }
}
