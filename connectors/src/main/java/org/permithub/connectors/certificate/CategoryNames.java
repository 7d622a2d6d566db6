package org.permithub.connectors.certificate;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.permithub.core.credential.CertificateCategory;

/** The Chinese names of the certificate categories (特种作业目录, domain-rules.md §5) and the hub's enum. */
public final class CategoryNames {

    private static final Map<CertificateCategory, String> NAMES = Map.of(
            CertificateCategory.ELECTRICAL, "电工作业",
            CertificateCategory.WELDING_AND_THERMAL_CUTTING, "焊接与热切割作业",
            CertificateCategory.WORK_AT_HEIGHT, "高处作业",
            CertificateCategory.HAZARDOUS_CHEMICALS, "危险化学品安全作业",
            CertificateCategory.SPECIAL_EQUIPMENT_OPERATOR, "特种设备作业");

    private CategoryNames() {}

    public static String chinese(CertificateCategory category) {
        return NAMES.get(category);
    }

    /** Accepts the enum name or the Chinese name. */
    public static Optional<CertificateCategory> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        for (var entry : NAMES.entrySet()) {
            if (entry.getValue().equals(v) || entry.getKey().name().equals(v.toUpperCase(Locale.ROOT))) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }
}
