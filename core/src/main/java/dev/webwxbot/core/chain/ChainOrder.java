package dev.webwxbot.core.chain;

import dev.webwxbot.api.Phase;
import java.util.Comparator;
import java.util.List;

/**
 * The order handlers run in. Monitors always come last (they only watch). The others follow the operator's
 * {@code order} list when one names their plugin, {@code "*"} holding the place of every plugin not named; inside
 * one place, handlers keep their declared order: phase, then priority (higher first), then plugin id and handler
 * class, so the result never depends on which jar loaded first.
 */
final class ChainOrder {

    private ChainOrder() {
    }

    static Comparator<RegisteredHandler> comparator(List<String> order) {
        int others = order.indexOf(ChainSettings.OTHERS);
        int unnamedSlot = others >= 0 ? others : order.size();
        return Comparator
                .comparing((RegisteredHandler h) -> h.phase() == Phase.MONITOR)
                .thenComparingInt(h -> {
                    int named = order.indexOf(h.pluginId());
                    return named >= 0 ? named : unnamedSlot;
                })
                .thenComparingInt(h -> h.phase().ordinal())
                .thenComparing(Comparator.comparingInt(RegisteredHandler::priority).reversed())
                .thenComparing(RegisteredHandler::pluginId)
                // A plugin's commands come before its own handlers of the same place (CommandStage).
                .thenComparing(h -> !(h.handler() instanceof CommandDispatcher))
                .thenComparing(h -> h.handler().getClass().getName());
    }
}
