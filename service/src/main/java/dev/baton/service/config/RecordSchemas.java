package dev.baton.service.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Records in a {@code @NullMarked} package are described as they are written and read: a component
 * is required unless marked {@code @Nullable}, which makes it optional and nullable (OpenAPI 3.1:
 * {@code type: [T, "null"]}), so a request may leave it out. Without this every field would be
 * optional, and the dashboard's generated types would check for fields that are always there.
 */
public class RecordSchemas implements ModelConverter {

  /** How a record component appears in the JSON. */
  private enum Presence {
    ALWAYS,
    MAYBE_NULL,
    OMITTED_WHEN_NULL
  }

  @Override
  public @Nullable Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    if (!chain.hasNext()) {
      return null;
    }
    Schema<?> schema = chain.next().resolve(type, context, chain);
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    // A body's type comes back as a $ref to the model just defined: describe that model.
    Schema<?> model =
        schema == null || schema.get$ref() == null
            ? schema
            : context
                .getDefinedModels()
                .get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
    if (model != null && model.getProperties() != null && nullMarkedRecord(raw)) {
      describe(raw, model);
    }
    return schema;
  }

  private static boolean nullMarkedRecord(Class<?> type) {
    if (!type.isRecord()) {
      return false;
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (c.isAnnotationPresent(NullMarked.class)) {
        return true;
      }
    }
    return type.getPackage().isAnnotationPresent(NullMarked.class);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void describe(Class<?> record, Schema<?> schema) {
    Map<String, Presence> components = new LinkedHashMap<>();
    collect(record, components);
    List<String> required = new ArrayList<>();
    Map<String, Schema> properties = (Map) schema.getProperties();
    components.forEach(
        (name, presence) -> {
          Schema property = properties.get(name);
          if (property == null || presence == Presence.OMITTED_WHEN_NULL) {
            return; // optional, and never null when present
          }
          if (presence == Presence.ALWAYS) {
            required.add(name);
          } else {
            properties.put(name, orNull(property));
          }
        });
    schema.setRequired(required.isEmpty() ? null : required);
  }

  /** The JSON properties of a record: its components, with {@code @JsonUnwrapped} ones inlined. */
  private static void collect(Class<?> record, Map<String, Presence> out) {
    for (RecordComponent component : record.getRecordComponents()) {
      if (component.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
        collect(component.getType(), out);
        continue;
      }
      JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
      boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
      out.put(
          component.getName(),
          !nullable
              ? Presence.ALWAYS
              : include != null && include.value() == JsonInclude.Include.NON_NULL
                  ? Presence.OMITTED_WHEN_NULL
                  : Presence.MAYBE_NULL);
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema orNull(Schema property) {
    if (property.get$ref() != null) {
      return new Schema().anyOf(List.of(property, new Schema().typesItem("null")));
    }
    if (property.getTypes() == null && property.getType() != null) {
      property.addType(property.getType());
    }
    property.addType("null");
    return property;
  }
}
