package org.permithub.core.access;

import java.util.Locale;
import java.util.Optional;

/** Who a caller is, as far as access rules care. */
public enum Role {
    /** A government supervisor (应急管理部门), scoped to a jurisdiction. */
    REGULATOR,
    /** An enterprise's permit system, scoped to its 统一社会信用代码. */
    ENTERPRISE,
    /** A contractor company, scoped to its own workers. */
    CONTRACTOR,
    /** The hub's operators. */
    ADMIN;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.claimValue().equals(value.toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
