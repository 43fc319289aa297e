package io.dmagent.itest.framework;

import java.util.List;
import java.util.Map;

/**
 * One command of the reference server's last session with a device, as {@code dmserver:results}
 * prints it: the element, its target, the statuses the agent answered and the results it sent.
 */
public record CommandOutcome(
    String element, String target, List<Integer> statuses, Map<String, String> results) {}
