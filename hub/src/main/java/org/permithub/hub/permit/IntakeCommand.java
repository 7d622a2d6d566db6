package org.permithub.hub.permit;

import java.util.Map;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.PermitApplication;

/** A permit command as it arrives over REST or Kafka, already parsed and validated for shape. */
public sealed interface IntakeCommand {

    String permitNo();

    ActionType type();

    /** Apply for a new permit. */
    record Apply(PermitApplication application) implements IntakeCommand {
        @Override
        public String permitNo() {
            return application.permitNo();
        }

        @Override
        public ActionType type() {
            return ActionType.APPLY;
        }
    }

    /** A further action on an existing permit. */
    record Act(String permitNo, ActionType type, Map<String, Object> data) implements IntakeCommand {
        public Act {
            data = data == null ? Map.of() : data;
        }
    }
}
