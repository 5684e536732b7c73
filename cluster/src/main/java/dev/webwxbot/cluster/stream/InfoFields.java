package dev.webwxbot.cluster.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What {@code XINFO GROUPS} and {@code XINFO CONSUMERS} answer (a list of field-value lists), as maps. */
final class InfoFields {

    private InfoFields() {
    }

    static List<Map<String, Object>> of(List<Object> answer) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object listed : answer) {
            if (!(listed instanceof List<?> fields)) continue;
            Map<String, Object> one = new HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) one.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            all.add(one);
        }
        return all;
    }
}
