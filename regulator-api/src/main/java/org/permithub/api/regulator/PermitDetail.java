package org.permithub.api.regulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.permithub.api.http.Masking;
import org.permithub.api.regulator.compliance.ComplianceFlag;
import org.permithub.core.permit.Location;
import org.permithub.core.permit.Permit;

/** The answer of {@code getPermitDetail}: one permit as a supervisor inspects it. */
public record PermitDetail(
        String permitNo, String enterpriseCode, String siteId, String workType, String grade, String state,
        long version, String content, Location location, Instant plannedStart, Instant plannedEnd,
        Instant validUntil, Instant appliedAt, Instant updatedAt, Instant activeSince, List<Person> workers,
        Person guardian, List<Approval> approvals, List<GasTest> gasTests, List<EvidenceRef> evidence,
        List<LinkedPermit> linkedPermits, List<String> supervisorMarks, List<ComplianceFlag> compliance) {

    /** A person with name and ID number masked. */
    public record Person(String personId, String name, String idNumber) {

        static Person of(String personId, PeopleDirectory people) {
            return people.find(personId)
                    .map(p -> new Person(personId, Masking.name(p.name()), Masking.idNumber(p.idNumber())))
                    .orElse(new Person(personId, null, null));
        }
    }

    public record Approval(String approverId, String role, Instant signedAt, Instant recordedAt) {}

    public record GasTest(long version, Instant at, String analystId, String instrumentId, JsonNode readings) {}

    /** A photo, video, signature or document URI named in an action's data. */
    public record EvidenceRef(long version, String actionType, String field, String uri) {}

    public record LinkedPermit(String permitNo, String relation) {}

    public static PermitDetail of(PermitFacts facts, List<String> childPermitNos, PeopleDirectory people,
            List<ComplianceFlag> compliance) {
        Permit permit = facts.permit();
        var app = permit.application();
        List<GasTest> gasTests = facts.actions().stream().filter(a -> "GAS_TEST".equals(a.type()))
                .map(a -> new GasTest(a.version(), a.occurredAt(), text(a.data(), "analystId"),
                        text(a.data(), "instrumentId"), a.data() == null ? null : a.data().get("readings")))
                .toList();
        List<EvidenceRef> evidence = new ArrayList<>();
        facts.actions().forEach(a -> collectUris(a, "", a.data(), evidence));
        Set<LinkedPermit> linked = new LinkedHashSet<>();
        if (app.details() != null && app.details().parentPermitNo() != null) {
            linked.add(new LinkedPermit(app.details().parentPermitNo(), "PARENT"));
        }
        childPermitNos.forEach(no -> linked.add(new LinkedPermit(no, "CHILD")));
        facts.alerts().stream().filter(a -> a.code() != null && a.code().startsWith("SIMOPS"))
                .flatMap(a -> a.relatedPermitNos().stream())
                .forEach(no -> linked.add(new LinkedPermit(no, "SIMOPS")));
        return new PermitDetail(app.permitNo(), app.enterpriseCode(), app.siteId(), app.workType().name(),
                app.grade() == null ? null : app.grade().name(), permit.state().name(), permit.version(), app.content(),
                app.location(), app.plannedStart(), app.plannedEnd(), permit.validUntil(), permit.appliedAt(),
                permit.updatedAt(), permit.activeSince(),
                app.workers().stream().map(id -> Person.of(id, people)).toList(),
                app.guardianId() == null ? null : Person.of(app.guardianId(), people),
                permit.approvals().stream().map(a -> new Approval(a.approverId(),
                        a.role() == null ? null : a.role().name(), a.signedAt(), a.recordedAt())).toList(),
                gasTests, evidence, List.copyOf(linked),
                permit.flags().stream().map(Enum::name).sorted().toList(), compliance);
    }

    /** Fields named like {@code photoUri}, {@code videoUrl}, {@code signatureImage}, {@code attachments}… */
    private static void collectUris(ActionFact action, String path, JsonNode node, List<EvidenceRef> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                collectUris(action, path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUris(action, path + "[" + i + "]", node.get(i), out);
            }
        } else if (node.isTextual() && looksLikeEvidence(path, node.asText())) {
            out.add(new EvidenceRef(action.version(), action.type(), path, node.asText()));
        }
    }

    private static boolean looksLikeEvidence(String path, String value) {
        String name = path.toLowerCase(Locale.ROOT);
        boolean evidenceField = name.contains("uri") || name.contains("url") || name.contains("photo")
                || name.contains("video") || name.contains("signature") || name.contains("attachment")
                || name.contains("image");
        return evidenceField && value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.+");
    }

    private static String text(JsonNode data, String field) {
        return data == null || !data.hasNonNull(field) ? null : data.get(field).asText();
    }
}
