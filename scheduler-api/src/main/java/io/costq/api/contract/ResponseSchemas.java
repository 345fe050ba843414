package io.costq.api.contract;

import io.costq.core.client.ChannelView;
import io.costq.core.client.NodeView;
import io.costq.core.client.QueueView;
import io.costq.core.client.UserEstimate;
import io.costq.core.config.ConfigChange;
import io.costq.core.job.JobState;
import io.costq.model.Estimate;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What the schemas of answers must say beyond what smallrye reads from the records:
 * <ul>
 *   <li>every property of an answer is required: the API's Jackson writes every record component, nulls included;</li>
 *   <li>a {@code nullable} property of a record type, which smallrye writes as {@code anyOf: [$ref, {type: null}]},
 *       admits null in its own {@code type} too (smallrye sometimes leaves it {@code object}, which refuses null);</li>
 *   <li>the views costq-core returns as they are (they carry no OpenAPI annotations): a component of a reference
 *       type may be null unless listed in {@link #NEVER_NULL} (a new one is nullable until someone says otherwise,
 *       the safe side for a client), and {@code source} is the estimator's enum.</li>
 * </ul>
 */
final class ResponseSchemas {
    /** Reference-typed components of the core views that are never null (read from where CostqClient builds them). */
    static final Map<Class<? extends Record>, Set<String>> NEVER_NULL = Map.of(
            UserEstimate.class, Set.of("user", "historyMs", "source"),
            QueueView.class, Set.of(),
            ChannelView.class, Set.of("name"),
            NodeView.class, Set.of("id", "role", "remainingMs"),
            io.costq.core.config.ConfigReport.class, Set.of(),
            ConfigChange.class, Set.of("key"));

    private ResponseSchemas() {
    }

    static void complete(OpenAPI api) {
        // a job's status, referred to by name (Job, AcceptedJob): the state table's own values
        api.getComponents().addSchema("JobState", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .enumeration(Arrays.stream(JobState.values()).map(v -> (Object) v.name()).toList())
                .description("A job's state (README \"Job states\"). Terminal: " + Arrays.stream(JobState.values())
                        .filter(JobState::isTerminal).map(Enum::name).collect(Collectors.joining(", ")) + "."));
        Map<String, Schema> components = api.getComponents().getSchemas();
        Set<String> answers = new HashSet<>();
        Set<String> requests = new HashSet<>();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody().getContent().getMediaTypes().values().forEach(m -> reach(m.getSchema(), components, requests));
            }
            if (op.getResponses() == null) return;
            for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                if (r.getContent() != null) r.getContent().getMediaTypes().values().forEach(m -> reach(m.getSchema(), components, answers));
            }
        }));
        answers.removeAll(requests); // a schema used both ways keeps what its annotations say
        for (String name : answers) {
            Schema s = components.get(name);
            if (s != null && s.getProperties() != null && !s.getProperties().isEmpty()) s.setRequired(new ArrayList<>(s.getProperties().keySet()));
        }
        components.values().forEach(s -> {
            if (s.getProperties() != null) s.getProperties().values().forEach(ResponseSchemas::nullableRef);
        });
        NEVER_NULL.forEach((type, neverNull) -> {
            Schema s = components.get(type.getSimpleName());
            if (s == null) return; // not (or no longer) answered by any operation
            for (RecordComponent c : type.getRecordComponents()) {
                Schema p = s.getProperties().get(c.getName());
                if (p.getRef() != null && p.getType() == null && !neverNull.contains(c.getName())) { // a nullable object
                    p.setAnyOf(List.of(OASFactory.createSchema().ref(p.getRef()), OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
                    p.setRef(null);
                    continue;
                }
                if (!c.getType().isPrimitive() && !neverNull.contains(c.getName()) && !p.getType().contains(Schema.SchemaType.NULL)) {
                    p.addType(Schema.SchemaType.NULL);
                }
            }
        });
        Schema estimate = components.get(UserEstimate.class.getSimpleName());
        if (estimate != null) {
            Schema source = estimate.getProperties().get("source");
            for (Estimate.Source v : Estimate.Source.values()) source.addEnumeration(v.name());
            source.setDescription("Where the estimate came from: the user's history, the type's prior, the recent median of all "
                    + "runs, or the configured default");
        }
    }

    /** {@code anyOf: [$ref, {type: null}]} with a {@code type} beside it that refuses null: the type admits null too. */
    private static void nullableRef(Schema p) {
        if (p.getAnyOf() == null || p.getType() == null || p.getType().contains(Schema.SchemaType.NULL)) return;
        boolean nullAlternative = p.getAnyOf().stream().anyMatch(a -> List.of(Schema.SchemaType.NULL).equals(a.getType()));
        if (nullAlternative) p.addType(Schema.SchemaType.NULL);
    }

    /** Adds the names of the component schemas {@code s} refers to, transitively. */
    private static void reach(Schema s, Map<String, Schema> components, Set<String> into) {
        if (s == null) return;
        if (s.getRef() != null) {
            String name = s.getRef().substring(s.getRef().lastIndexOf('/') + 1);
            if (into.add(name) && components.containsKey(name)) reach(components.get(name), components, into);
            return;
        }
        Consumer<Schema> next = x -> reach(x, components, into);
        if (s.getProperties() != null) s.getProperties().values().forEach(next);
        next.accept(s.getItems());
        next.accept(s.getAdditionalPropertiesSchema());
        for (List<Schema> group : new List[] {s.getAllOf(), s.getAnyOf(), s.getOneOf()}) {
            if (group != null) group.forEach(next);
        }
    }
}
