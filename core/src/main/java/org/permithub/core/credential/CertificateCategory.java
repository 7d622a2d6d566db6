package org.permithub.core.credential;

import java.util.Optional;
import org.permithub.core.permit.WorkType;

/** Certificate categories the permit rules ask for (GB 30871-2022 §4.9). */
public enum CertificateCategory {
    /** 电工作业. */
    ELECTRICAL(CertificateRegime.SPECIAL_WORK_ORDER_30),
    /** 焊接与热切割作业. */
    WELDING_AND_THERMAL_CUTTING(CertificateRegime.SPECIAL_WORK_ORDER_30),
    /** 高处作业. */
    WORK_AT_HEIGHT(CertificateRegime.SPECIAL_WORK_ORDER_30),
    /** 危险化学品安全作业. */
    HAZARDOUS_CHEMICALS(CertificateRegime.SPECIAL_WORK_ORDER_30),
    /** 特种设备作业人员 (crane operators, slingers). */
    SPECIAL_EQUIPMENT_OPERATOR(CertificateRegime.SPECIAL_EQUIPMENT);

    private final CertificateRegime regime;

    CertificateCategory(CertificateRegime regime) {
        this.regime = regime;
    }

    public CertificateRegime regime() {
        return regime;
    }

    /**
     * The certificate every worker of a permit of this type must hold: hot work → welding and
     * thermal cutting (Table A.1 动火人及证书编号), temporary power → electrical (Table A.6 电工证号),
     * work at height → 高处作业, lifting → special-equipment operator (Table A.5 item 11). Other types
     * need none by default.
     */
    public static Optional<CertificateCategory> requiredFor(WorkType workType) {
        return switch (workType) {
            case HOT_WORK -> Optional.of(WELDING_AND_THERMAL_CUTTING);
            case TEMPORARY_POWER -> Optional.of(ELECTRICAL);
            case WORK_AT_HEIGHT -> Optional.of(WORK_AT_HEIGHT);
            case LIFTING -> Optional.of(SPECIAL_EQUIPMENT_OPERATOR);
            case CONFINED_SPACE, BLIND_PLATE, EXCAVATION, ROAD_CLOSURE -> Optional.empty();
        };
    }
}
