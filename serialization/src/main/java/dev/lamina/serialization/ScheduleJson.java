package dev.lamina.serialization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.core.schedule.LearningRateSchedule;
import dev.lamina.core.schedule.LearningRateSchedules;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A learning-rate schedule in an optimizer's config, as Keras serializes it in place of the number:
 * {@code "learning_rate": {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay", "config":
 * {...}, "registered_name": null}}.
 *
 * <pre>{@code
 * ScheduleJson.write(optimizerConfig.putObject("learning_rate"), schedule);
 * LearningRateSchedule s = ScheduleJson.read(cursor.object("learning_rate"));
 * }</pre>
 */
final class ScheduleJson {

    private ScheduleJson() {
    }

    static void write(ObjectNode node, LearningRateSchedule schedule) {
        node.put("module", "keras.optimizers.schedules");
        node.put("class_name", schedule.className());
        ObjectNode config = node.putObject("config");
        for (Map.Entry<String, Object> entry : schedule.config().entrySet()) {
            Object value = entry.getValue();
            if (value == null) {
                config.putNull(entry.getKey());
            } else if (value instanceof Boolean b) {
                config.put(entry.getKey(), b);
            } else if (value instanceof Long l) {
                config.put(entry.getKey(), l);
            } else if (value instanceof Number n) {
                config.put(entry.getKey(), n.doubleValue());
            } else {
                ArrayNode array = config.putArray(entry.getKey());
                for (Object item : (List<?>) value) {
                    if (item instanceof Long l) {
                        array.add(l);
                    } else {
                        array.add(((Number) item).doubleValue());
                    }
                }
            }
        }
        node.putNull("registered_name");
    }

    static LearningRateSchedule read(JsonCursor node) throws ModelFormatException {
        node.onlyFields(Set.of("module", "class_name", "config", "registered_name"));
        JsonCursor config = node.object("config");
        Map<String, Object> values = config.plainFields();
        try {
            return LearningRateSchedules.get(node.text("class_name"), values);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }
}
