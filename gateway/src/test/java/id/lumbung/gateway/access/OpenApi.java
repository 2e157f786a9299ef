package id.lumbung.gateway.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of Lumbung's own OpenAPI document (generated at build time from the
 * controllers), read as the tests that sweep every operation need them.
 */
final class OpenApi {
    private static final String DOCUMENT = "META-INF/swagger/lumbung-0.1.yml";

    private final Map<String, Object> root;

    private OpenApi(Map<String, Object> root) {
        this.root = root;
    }

    static OpenApi load() {
        try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the classpath: the build generates it");
            }
            return new OpenApi(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One operation.
     *
     * @param method {@code GET}, {@code POST}, …
     * @param path the template, e.g. {@code /api/v1/tenants/{tenantId}/households/{id}}
     * @param parameters its path and query parameters
     * @param bodyType {@code application/json}, {@code multipart/form-data} or {@code null}
     * @param bodySchema the JSON body's schema, references resolved, or {@code null}
     */
    record Operation(
            String method, String path, List<Parameter> parameters, String bodyType, Map<String, Object> bodySchema) {
        String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /**
     * A parameter.
     *
     * @param name its name
     * @param in {@code path} or {@code query}
     * @param required whether it must be given
     */
    record Parameter(String name, String in, boolean required) {}

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        map(root.get("paths")).forEach((path, methods) -> map(methods).forEach((method, definition) -> {
            Map<String, Object> operation = map(definition);
            List<Parameter> parameters = new ArrayList<>();
            for (Object raw : list(operation.get("parameters"))) {
                Map<String, Object> parameter = map(raw);
                parameters.add(new Parameter(
                        (String) parameter.get("name"),
                        (String) parameter.get("in"),
                        Boolean.TRUE.equals(parameter.get("required"))));
            }
            String bodyType = null;
            Map<String, Object> schema = null;
            if (operation.get("requestBody") instanceof Map<?, ?> body) {
                Map<String, Object> content = map(body.get("content"));
                bodyType = content.keySet().iterator().next();
                schema = resolve(map(map(content.get(bodyType)).get("schema")));
            }
            operations.add(
                    new Operation(method.toUpperCase(java.util.Locale.ROOT), path, parameters, bodyType, schema));
        }));
        return operations;
    }

    /** A schema with its {@code $ref} followed (one level; nested ones are followed on use). */
    Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema == null) {
            return null;
        }
        Object ref = schema.get("$ref");
        if (ref instanceof String reference) {
            String name = reference.substring(reference.lastIndexOf('/') + 1);
            return resolve(map(map(map(root.get("components")).get("schemas")).get(name)));
        }
        return schema;
    }

    /** The properties of an object schema, in order. */
    Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        if (schema != null && schema.get("properties") instanceof Map<?, ?> found) {
            found.forEach((name, property) -> properties.put((String) name, resolve(map(property))));
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
