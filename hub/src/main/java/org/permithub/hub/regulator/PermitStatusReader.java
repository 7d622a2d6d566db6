package org.permithub.hub.regulator;

import java.util.Optional;
import org.permithub.api.regulator.PermitStatus;
import org.permithub.api.regulator.PermitStatusQuery;
import org.permithub.hub.permit.PermitStore;
import org.springframework.stereotype.Component;

/** Answers the regulator's live-status query from the permit store. */
@Component
class PermitStatusReader implements PermitStatusQuery {

    private final PermitStore store;

    PermitStatusReader(PermitStore store) {
        this.store = store;
    }

    @Override
    public Optional<PermitStatus> findStatus(String permitNo) {
        return store.find(permitNo).map(stored -> {
            var permit = stored.permit();
            var app = permit.application();
            return new PermitStatus(app.permitNo(), app.enterpriseCode(), app.siteId(), app.workType().name(),
                    app.grade() == null ? null : app.grade().name(), permit.state().name(), app.location(),
                    app.plannedStart(), app.plannedEnd(),
                    new PermitStatus.LastAction(permit.lastAction().name(), permit.version(), permit.updatedAt(),
                            stored.lastActionId() == null ? null : stored.lastActionId().toString()),
                    permit.appliedAt(), permit.updatedAt(), stored.divisionCode());
        });
    }
}
