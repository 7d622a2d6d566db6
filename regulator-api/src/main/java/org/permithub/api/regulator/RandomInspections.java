package org.permithub.api.regulator;

import java.util.Optional;
import org.permithub.core.access.Caller;

/** Draws, stores and anchors random inspections; the hub implements it. */
public interface RandomInspections {

    Inspection draw(Caller caller, Inspection.Request request);

    /** The draw with its current anchoring status, if it belongs to the caller's jurisdiction. */
    Optional<Inspection> find(Caller caller, String inspectionId);
}
