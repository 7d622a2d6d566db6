package org.permithub.connectors.mes;

import java.util.Locale;
import java.util.Optional;

/**
 * The life of one isolation (LOTO, 上锁挂牌) point as MES tracks it. GB 30871-2022 §4.2b, §5.2.2
 * and §6.1: work may start only when every point is isolated and the isolation verified.
 */
public enum IsolationStatus {
    /** 待隔离: planned, not yet isolated. */
    PENDING,
    /** 已上锁: isolated and locked, not yet verified. */
    LOCKED,
    /** 已确认: isolation verified (try-start, zero-energy check); work may start. */
    VERIFIED,
    /** 已解除: lock removed after the work. */
    REMOVED;

    /** A point only moves forward; a report of an earlier state is stale. */
    public boolean mayFollow(IsolationStatus previous) {
        return previous == null || ordinal() >= previous.ordinal();
    }

    /** The MES label (Chinese, as the plant's MES shows it) or the English name. */
    public static Optional<IsolationStatus> fromMes(String label) {
        if (label == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (label.trim().toUpperCase(Locale.ROOT)) {
            case "待隔离", "未隔离", "PENDING" -> PENDING;
            case "已上锁", "已隔离", "LOCKED" -> LOCKED;
            case "已确认", "已验证", "VERIFIED" -> VERIFIED;
            case "已解除", "已拆除", "REMOVED" -> REMOVED;
            default -> null;
        });
    }
}
